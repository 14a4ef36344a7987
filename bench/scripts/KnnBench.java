import dev.entropic.core.Rng;
import dev.entropic.estimators.EnergyDistance;
import dev.entropic.estimators.KnnEntropy;
import dev.entropic.estimators.KnnMutualInformation;
import dev.entropic.estimators.Mmd;
import java.io.DataInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.BufferedInputStream;

/**
 * Our side of bench/scripts/knn_vs_scipy.py. Reads the little-endian float64 file the script wrote
 * (n rows × d columns), runs one task and prints "best-of-reps seconds value".
 * Tasks: entropy K | mi K DX | mmd BANDWIDTH | mmdtest BANDWIDTH B M | energy M.
 */
public class KnnBench {
    /** Untimed runs last at least this long (and at least two runs), so cheap tasks are C2-compiled too. */
    static final long WARM_UP_NANOS = 2_000_000_000L;

    public static void main(String[] a) throws IOException {
        String task = a[0];
        int n = Integer.parseInt(a[1]);
        int d = Integer.parseInt(a[2]);
        double[] x = new double[n * d];
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(a[3])))) {
            for (int i = 0; i < x.length; i++) {
                x[i] = Double.longBitsToDouble(Long.reverseBytes(in.readLong()));
            }
        }
        double best = Double.POSITIVE_INFINITY;
        double value = Double.NaN;
        long start = System.nanoTime();
        int timed = 0;
        for (int rep = 0; timed < 3; rep++) {
            boolean warm = rep >= 2 && System.nanoTime() - start > WARM_UP_NANOS;
            long t0 = System.nanoTime();
            switch (task) {
                case "entropy" -> value = KnnEntropy.estimateRowMajor(x, d, Integer.parseInt(a[4]));
                case "mi" -> {
                    int dx = Integer.parseInt(a[5]);
                    double[] xs = new double[n * dx];
                    double[] ys = new double[n * (d - dx)];
                    for (int i = 0; i < n; i++) {
                        System.arraycopy(x, i * d, xs, i * dx, dx);
                        System.arraycopy(x, i * d + dx, ys, i * (d - dx), d - dx);
                    }
                    value = KnnMutualInformation.estimateRowMajor(xs, dx, ys, d - dx, Integer.parseInt(a[4]));
                }
                case "mmd", "mmdtest", "energy" -> {
                    int m = Integer.parseInt(a[task.equals("mmdtest") ? 6 : task.equals("energy") ? 4 : 5]);
                    double[] xs = java.util.Arrays.copyOf(x, m * d);
                    double[] ys = java.util.Arrays.copyOfRange(x, m * d, n * d);
                    if (task.equals("mmd")) {
                        value = Mmd.unbiased(xs, ys, d, Double.parseDouble(a[4]));
                    } else if (task.equals("mmdtest")) {
                        value = Mmd.test(xs, ys, d, Double.parseDouble(a[4]), Integer.parseInt(a[5]), Rng.seeded(1)).pValue();
                    } else {
                        value = EnergyDistance.statistic(xs, ys, d);
                    }
                }
                default -> throw new IllegalArgumentException(task);
            }
            double s = (System.nanoTime() - t0) * 1e-9;
            if (warm) {
                best = Math.min(best, s);
                timed++;
            }
        }
        System.out.println(best + " " + value);
    }
}
