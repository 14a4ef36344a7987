import dev.entropic.calibration.TemperatureScaling;
import dev.entropic.calibration.TemperatureScalingModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Our side of calibration_vs_scipy.py: reads logits/labels, prints "T seconds iterations". */
public class TemperatureBench {
    public static void main(String[] args) throws IOException {
        int n = Integer.parseInt(args[1]);
        int k = Integer.parseInt(args[2]);
        ByteBuffer zb = ByteBuffer.wrap(Files.readAllBytes(Path.of(args[0] + ".logits"))).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer yb = ByteBuffer.wrap(Files.readAllBytes(Path.of(args[0] + ".labels"))).order(ByteOrder.LITTLE_ENDIAN);
        double[][] z = new double[n][k];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                z[i][j] = zb.getDouble();
            }
            y[i] = (int) yb.getLong();
        }
        TemperatureScaling ts = TemperatureScaling.withDefaults();
        for (int w = 0; w < 3; w++) {
            ts.fit(z, y);
        }
        double best = Double.POSITIVE_INFINITY;
        TemperatureScalingModel m = null;
        for (int r = 0; r < 5; r++) {
            long t0 = System.nanoTime();
            m = ts.fit(z, y);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        System.out.println(m.temperature() + " " + best + " " + m.iterations());
    }
}
