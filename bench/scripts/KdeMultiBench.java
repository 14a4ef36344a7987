import dev.entropic.estimators.BandwidthMatrix;
import dev.entropic.estimators.Kernel;
import dev.entropic.estimators.KernelDensity;
import dev.entropic.estimators.MultivariateKernelDensity;
import java.io.DataInputStream;
import java.io.FileInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;

/**
 * Our side of bench/scripts/kde_multi_vs_scipy.py: exact d-D gaussian KDE (scott) of n points
 * evaluated at m queries, both read from raw little-endian float64 files written by the script.
 * Prints the best of the last 10 of 40 runs in seconds (fit + evaluation) and the first density: the
 * first 30 let C2 compile the evaluation loops (the time falls from ~0.3 s to a steady value only after
 * 10-30 runs on a 2-core machine), as a JMH warm-up would.
 */
public class KdeMultiBench {
    static double[][] read(String file, int rows, int d) throws IOException {
        double[][] a = new double[rows][d];
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(file)))) {
            for (int i = 0; i < rows; i++) {
                for (int k = 0; k < d; k++) {
                    a[i][k] = Double.longBitsToDouble(Long.reverseBytes(in.readLong()));
                }
            }
        }
        return a;
    }

    public static void main(String[] args) throws IOException {
        int n = Integer.parseInt(args[2]);
        int m = Integer.parseInt(args[3]);
        int d = Integer.parseInt(args[4]);
        double[][] x = read(args[0], n, d);
        double[][] q = read(args[1], m, d);
        double best = Double.POSITIVE_INFINITY;
        double first = 0;
        for (int rep = 0; rep < 40; rep++) {
            long t0 = System.nanoTime();
            MultivariateKernelDensity kde = MultivariateKernelDensity.of(x, null, BandwidthMatrix.scott(), Kernel.GAUSSIAN);
            double[] dens = kde.densities(q, KernelDensity.Method.EXACT);
            double s = (System.nanoTime() - t0) * 1e-9;
            first = dens[0];
            if (rep >= 30) {
                best = Math.min(best, s);
            }
        }
        System.out.println(best + " " + first);
    }
}
