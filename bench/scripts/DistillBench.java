import dev.entropic.distillation.DistillationLoss;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Our side of distill_vs_torch.py: reads the float32 teacher/student logits the script wrote
 * (raw little-endian, B×C), runs KD loss + gradient (τ = 2) with the given parallelism and a
 * reused workspace of threads×C floats (allocated once, outside the timing), and prints
 * "loss seconds" for the best of the timed repetitions (after JIT warm-up).
 * Usage: java -cp <jars> DistillBench.java teacher.f32 student.f32 B C threads repeats
 */
public final class DistillBench {
    public static void main(String[] args) throws IOException {
        int b = Integer.parseInt(args[2]);
        int c = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        int repeats = Integer.parseInt(args[5]);
        float[] t = read(Path.of(args[0]), b * c);
        float[] s = read(Path.of(args[1]), b * c);
        DistillationLoss kd = DistillationLoss.kd().withTemperature(2).withParallelism(threads);
        float[] g = new float[b * c];
        float[] work = new float[threads * c];
        double loss = 0;
        for (int i = 0; i < 3; i++) { // warm-up (JIT)
            loss = kd.compute(t, s, b, c, null, null, g, work);
        }
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            loss = kd.compute(t, s, b, c, null, null, g, work);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        double gsum = 0;
        for (int i = 0; i < c; i++) {
            gsum += Math.abs(g[i]);
        }
        System.out.println(loss + " " + best + " " + gsum);
    }

    private static float[] read(Path p, int n) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[n];
        buf.asFloatBuffer().get(out);
        return out;
    }
}
