package dev.entropic.distillation;

import dev.entropic.core.Checks;
import dev.entropic.core.Numerics;
import dev.entropic.divergences.Divergence;
import dev.entropic.divergences.DivergenceKind;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A knowledge-distillation loss over a batch of logits with its exact gradient with respect to the
 * student logits, computed with a stable fused log-softmax in a few sweeps over each row.
 *
 * <p><b>Convention.</b> Teacher logits {@code t} and student logits {@code s} are {@code B×C}
 * (batch × classes), flat row-major or {@code [batch][classes]}. For a row, {@code p = softmax(t/τ)}
 * (teacher) and {@code q = softmax(s/τ)} (student), natural logarithms. The returned loss is the
 * batch mean {@code (1/B) Σ_i w_i L_i} with per-example weights {@code w_i} (default 1, so the
 * plain mean, PyTorch's {@code reduction='batchmean'}), and the gradient is that of the returned
 * loss with respect to {@code s}.
 *
 * <table>
 *   <caption>Losses</caption>
 *   <tr><th>kind</th><th>L_i</th><th>∂L_i/∂q_k (before the softmax Jacobian)</th></tr>
 *   <tr><td>kd</td><td>(1−α)·τ²·KL(p‖q) + α·CE(softmax(s), y)</td><td>gradient τ(q − p)(1−α) + α(softmax(s) − e_y)</td></tr>
 *   <tr><td>forward-kl</td><td>KL(p‖q) = Σ p ln(p/q)</td><td>gradient (q − p)/τ</td></tr>
 *   <tr><td>reverse-kl</td><td>KL(q‖p)</td><td>ln(q_k/p_k)</td></tr>
 *   <tr><td>js</td><td>½KL(p‖m) + ½KL(q‖m), m = (p+q)/2</td><td>½ ln(q_k/m_k)</td></tr>
 *   <tr><td>skew-kl:λ</td><td>KL(p ‖ m), m = λp + (1−λ)q</td><td>−(1−λ) p_k/m_k</td></tr>
 *   <tr><td>skew-reverse-kl:λ</td><td>KL(q ‖ m), m = λq + (1−λ)p</td><td>ln(q_k/m_k) − λ q_k/m_k</td></tr>
 *   <tr><td>tv</td><td>½ Σ |p − q|</td><td>½ sign(q_k − p_k) (subgradient 0 at ties)</td></tr>
 *   <tr><td>f:KIND</td><td>D_f(p‖q) = Σ q f(p/q)</td><td>G(r_k) = f(r_k) − r_k f'(r_k), r = p/q</td></tr>
 *   <tr><td>pld</td><td>Σ_k p_{π_k}[−z_{π_k} + ln Σ_{l≥k} e^{z_{π_l}}], z = s/τ</td><td>(see below)</td></tr>
 * </table>
 *
 * <p>For the divergence losses the chain rule through the tempered softmax gives
 * {@code ∂L/∂s_j = (1/τ) q_j (G_j − Σ_k q_k G_k)} with {@code G_k = ∂L/∂q_k}; constants added to
 * {@code G} cancel, and every gradient row sums to zero. Only {@code kd} carries the τ² factor of
 * Hinton et al. (which keeps the soft-target gradient scale independent of τ); the others are the
 * plain divergence of the tempered distributions.
 *
 * <p><b>f-divergences and the f-distill weight.</b> For {@code f:KIND} the weight
 * {@code G(r) = f(r) − r f'(r)} satisfies {@code G'(r) = −r f''(r) = −h(r)/r} with
 * {@code h(r) = r² f''(r)} the f-distill weighting ({@link Divergence#gradientWeight}): the
 * gradient of {@code D_f(p‖q_θ)} with respect to the student weighs each class's score difference by
 * {@code h} (Xu et al., "One-step Diffusion Models with f-Divergence Distribution Matching", 2025).
 * Closed forms of {@code G} used: kl {@code −r}; reverse-kl {@code 1 − ln r}; js
 * {@code −½ln((1+r)/2)}; squared-hellinger {@code ½(1 − √r)}; tv {@code −½ sign(r−1)}; chi2
 * {@code 1 − r²}; neyman-chi2 {@code 2/r − 2}; jeffreys {@code 1 − r − ln r}; triangular
 * {@code −(r−1)(3r+1)/(r+1)²}; alpha {@code −(r^α − 1)/α} (α = 0: {@code −ln r}). Hellinger and
 * Rényi are transforms of an f-divergence and are rejected (use squared-hellinger or alpha).
 *
 * <p><b>PLD</b> (Plackett–Luce distillation): the teacher-optimal ranking {@code π} puts the true
 * label first (when labels are given), then the remaining classes by descending teacher logit (ties
 * by class index); position {@code k} is weighted by the teacher confidence {@code p_{π_k}}, and the
 * loss is the weighted Plackett–Luce negative log-likelihood of that ranking under the student
 * scores {@code z = s/τ}. Its gradient is
 * {@code ∂L/∂z_{π_j} = −p_{π_j} + e^{z_{π_j}} Σ_{k≤j} p_{π_k}/S_k}, {@code S_k = Σ_{l≥k} e^{z_{π_l}}},
 * computed in the log domain. With two classes it is {@code p_y · CE(z, y)}.
 *
 * <p><b>Performance.</b> kd and forward-kl use a fused kernel: one sweep for the two row maxima,
 * one for both partition functions, the KL cross term and the student exponentials (kept in the
 * gradient buffer), one for the gradient; no allocation beyond the gradient the caller passes. The
 * float API accumulates in double. With {@link #withParallelism(int)} rows are split into that many
 * chunks run as a parallel stream (the calling thread and the common fork-join pool; this
 * allocates O(parallelism) task objects per call).
 *
 * <p><b>Example.</b>
 * <pre>{@code
 * DistillationLoss kd = DistillationLoss.kd().withTemperature(2).withLabelWeight(0.1);
 * float[] grad = new float[batch * classes];                  // reused across steps
 * double loss = kd.compute(teacherLogits, studentLogits, batch, classes, labels, null, grad);
 * double js = DistillationLoss.parse("f:js").withTemperature(2)
 *         .compute(teacherLogits, studentLogits, batch, classes, null, null, grad);
 * }</pre>
 *
 * <p>References: G. Hinton, O. Vinyals, J. Dean, "Distilling the Knowledge in a Neural Network"
 * (2015); J. Ko et al., "DistiLLM: Towards Streamlined Distillation for Large Language Models"
 * (ICML 2024) for the skew divergences; Y. Xu et al., "One-step Diffusion Models with f-Divergence
 * Distribution Matching" (2025); "PLD: A Choice-Theoretic List-Wise Knowledge Distillation" (2025).
 */
public final class DistillationLoss {
    private final LossKind kind;
    private final double temperature;
    private final double lambda;
    private final double labelWeight;
    private final Divergence divergence;
    private final int parallelism;

    private DistillationLoss(LossKind kind, double temperature, double lambda, double labelWeight,
            Divergence divergence, int parallelism) {
        this.kind = kind;
        this.temperature = temperature;
        this.lambda = lambda;
        this.labelWeight = labelWeight;
        this.divergence = divergence;
        this.parallelism = parallelism;
    }

    private static DistillationLoss plain(LossKind kind) {
        return new DistillationLoss(kind, 1, Double.NaN, 0, null, 1);
    }

    /** Hinton KD {@code τ²·KL(p‖q)} (label weight α = 0; see {@link #withLabelWeight}). */
    public static DistillationLoss kd() {
        return plain(LossKind.KD);
    }

    /** {@code KL(p‖q)}. */
    public static DistillationLoss forwardKl() {
        return plain(LossKind.FORWARD_KL);
    }

    /** {@code KL(q‖p)}. */
    public static DistillationLoss reverseKl() {
        return plain(LossKind.REVERSE_KL);
    }

    /** Jensen–Shannon divergence between p and q. */
    public static DistillationLoss jensenShannon() {
        return plain(LossKind.JS);
    }

    /** Skew KL {@code KL(p ‖ λp + (1−λ)q)}, {@code λ ∈ [0, 1]}. */
    public static DistillationLoss skewKl(double lambda) {
        return new DistillationLoss(LossKind.SKEW_KL, 1, checkLambda(lambda), 0, null, 1);
    }

    /** Skew reverse KL {@code KL(q ‖ λq + (1−λ)p)}, {@code λ ∈ [0, 1]}. */
    public static DistillationLoss skewReverseKl(double lambda) {
        return new DistillationLoss(LossKind.SKEW_REVERSE_KL, 1, checkLambda(lambda), 0, null, 1);
    }

    /** Total variation {@code ½Σ|p − q|}. */
    public static DistillationLoss totalVariation() {
        return plain(LossKind.TV);
    }

    /** Plackett–Luce distillation. */
    public static DistillationLoss pld() {
        return plain(LossKind.PLD);
    }

    /**
     * {@code D_f(p‖q) = Σ q f(p/q)} for an f-divergence of the divergences module (p teacher, q
     * student). Hellinger and Rényi (transforms of f-divergences) are rejected.
     */
    public static DistillationLoss fDivergence(Divergence divergence) {
        Checks.requireNonNull("divergence", divergence);
        if (!divergence.isFDivergence()) {
            throw Checks.fail("divergence %s is not an f-divergence (use squared-hellinger or alpha)",
                    divergence.kind().cliName());
        }
        return new DistillationLoss(LossKind.F_DIVERGENCE, 1, Double.NaN, 0, divergence, 1);
    }

    /**
     * Parses a command-line loss name: {@code kd, forward-kl, reverse-kl, js, skew-kl:L,
     * skew-reverse-kl:L, tv, pld, f:KIND} or {@code f:alpha:A}.
     */
    public static DistillationLoss parse(String name) {
        Checks.requireNonNull("loss", name);
        String n = name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "kd":
                return kd();
            case "forward-kl":
                return forwardKl();
            case "reverse-kl":
                return reverseKl();
            case "js":
                return jensenShannon();
            case "tv":
                return totalVariation();
            case "pld":
                return pld();
            default:
                break;
        }
        if (n.startsWith("skew-kl:")) {
            return skewKl(parseNumber("skew-kl", n.substring(8)));
        }
        if (n.startsWith("skew-reverse-kl:")) {
            return skewReverseKl(parseNumber("skew-reverse-kl", n.substring(16)));
        }
        if (n.startsWith("f:")) {
            String rest = n.substring(2);
            int colon = rest.indexOf(':');
            DivergenceKind k = DivergenceKind.fromName(colon < 0 ? rest : rest.substring(0, colon));
            Divergence d = colon < 0 ? Divergence.of(k)
                    : Divergence.of(k, parseNumber(k.cliName(), rest.substring(colon + 1)));
            return fDivergence(d);
        }
        throw Checks.fail("loss is unknown: '%s' (expected kd, forward-kl, reverse-kl, js, "
                + "skew-kl:L, skew-reverse-kl:L, tv, f:KIND, pld)", name);
    }

    private static double parseNumber(String what, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw Checks.fail("%s parameter is not a number: '%s'", what, text);
        }
    }

    private static double checkLambda(double lambda) {
        if (!(lambda >= 0 && lambda <= 1)) {
            throw Checks.fail("lambda must lie in [0, 1]: %s", lambda);
        }
        return lambda;
    }

    /** A copy with temperature {@code τ > 0} (finite). */
    public DistillationLoss withTemperature(double tau) {
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw Checks.fail("temperature must be positive and finite: %s", tau);
        }
        return new DistillationLoss(kind, tau, lambda, labelWeight, divergence, parallelism);
    }

    /**
     * A copy with cross-entropy weight {@code α ∈ [0, 1]} (kd only): the loss becomes
     * {@code (1−α)τ²KL(p‖q) + α CE(softmax(s), y)}, the cross-entropy at temperature 1 on the hard
     * labels, which are then required.
     */
    public DistillationLoss withLabelWeight(double alpha) {
        if (kind != LossKind.KD) {
            throw Checks.fail("labelWeight applies to kd only, not %s", kind.cliName());
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw Checks.fail("labelWeight must lie in [0, 1]: %s", alpha);
        }
        return new DistillationLoss(kind, temperature, lambda, alpha, divergence, parallelism);
    }

    /** A copy that splits the rows over {@code threads ≥ 1} fork-join tasks (1 = sequential). */
    public DistillationLoss withParallelism(int threads) {
        Checks.requirePositive("parallelism", threads);
        return new DistillationLoss(kind, temperature, lambda, labelWeight, divergence, threads);
    }

    /** The loss kind. */
    public LossKind kind() {
        return kind;
    }

    /** The temperature τ. */
    public double temperature() {
        return temperature;
    }

    /** λ of the skew losses (NaN otherwise). */
    public double lambda() {
        return lambda;
    }

    /** The cross-entropy weight α of kd. */
    public double labelWeight() {
        return labelWeight;
    }

    /** The f-divergence of {@code f:KIND} (null otherwise). */
    public Divergence divergence() {
        return divergence;
    }

    /** The number of row chunks run in parallel. */
    public int parallelism() {
        return parallelism;
    }

    // ---------------------------------------------------------------- public entry points

    /**
     * Loss and gradient for {@code [batch][classes]} arrays; {@code labels} and {@code weights} may
     * be null.
     */
    public LossResult evaluate(double[][] teacher, double[][] student, int[] labels, double[] weights) {
        Checks.requireNonNull("teacher", teacher);
        Checks.requireNonNull("student", student);
        int b = teacher.length;
        if (student.length != b) {
            throw Checks.fail("teacher and student differ in batch size: %d vs %d", b, student.length);
        }
        if (b == 0) {
            throw Checks.fail("batch is empty");
        }
        int c = teacher[0].length;
        double[] t = new double[b * c];
        double[] s = new double[b * c];
        for (int i = 0; i < b; i++) {
            if (teacher[i].length != c) {
                throw Checks.fail("teacher[%d] has %d classes, expected %d", i, teacher[i].length, c);
            }
            if (student[i].length != c) {
                throw Checks.fail("student[%d] has %d classes, expected %d", i, student[i].length, c);
            }
            System.arraycopy(teacher[i], 0, t, i * c, c);
            System.arraycopy(student[i], 0, s, i * c, c);
        }
        double[] g = new double[b * c];
        double loss = compute(t, s, b, c, labels, weights, g);
        double[][] grad = new double[b][];
        for (int i = 0; i < b; i++) {
            grad[i] = java.util.Arrays.copyOfRange(g, i * c, (i + 1) * c);
        }
        return new LossResult(loss, grad);
    }

    /**
     * The mean loss over a flat row-major batch; if {@code gradient} is non-null (length
     * {@code batch·classes}) it receives {@code ∂loss/∂student}. {@code labels} (in
     * {@code [0, classes)}) and {@code weights} (finite, ≥ 0) may be null.
     */
    public double compute(double[] teacher, double[] student, int batch, int classes, int[] labels,
            double[] weights, double[] gradient) {
        validate(teacher == null ? -1 : teacher.length, student == null ? -1 : student.length,
                batch, classes, labels, weights, gradient == null ? -1 : gradient.length);
        for (int i = 0; i < teacher.length; i++) {
            if (!Double.isFinite(teacher[i])) {
                throw Checks.fail("teacher[%d][%d] is not finite: %s", i / classes, i % classes, teacher[i]);
            }
            if (!Double.isFinite(student[i])) {
                throw Checks.fail("student[%d][%d] is not finite: %s", i / classes, i % classes, student[i]);
            }
        }
        return run(batch, (from, to, chunk) -> {
            int[] perm = kind == LossKind.PLD ? new int[2 * classes] : null;
            double[] work = kind == LossKind.PLD ? new double[classes] : null;
            double sum = 0;
            for (int i = from; i < to; i++) {
                double scale = (weights == null ? 1 : weights[i]) / batch;
                int label = labels == null ? -1 : labels[i];
                sum += scale * row(teacher, student, i * classes, classes, label, scale, gradient,
                        perm, work);
            }
            return sum;
        });
    }

    /**
     * The float version of {@link #compute(double[], double[], int, int, int[], double[], double[])}:
     * accumulates in double, writes the gradient in float.
     */
    public double compute(float[] teacher, float[] student, int batch, int classes, int[] labels,
            double[] weights, float[] gradient) {
        return compute(teacher, student, batch, classes, labels, weights, gradient, null);
    }

    /**
     * As {@link #compute(float[], float[], int, int, int[], double[], float[])} with a reusable
     * workspace of at least {@code min(parallelism, batch)·classes} floats (or null). With it, the
     * fused kd / forward-kl kernel keeps the teacher's exponentials of the current row and needs two
     * exponentials per entry instead of three; the workspace's contents are overwritten.
     */
    public double compute(float[] teacher, float[] student, int batch, int classes, int[] labels,
            double[] weights, float[] gradient, float[] workspace) {
        if (workspace != null && workspace.length < (long) Math.min(parallelism, batch) * classes) {
            throw Checks.fail("workspace has %d floats, needs min(parallelism, batch)·classes = %d",
                    workspace.length, (long) Math.min(parallelism, batch) * classes);
        }
        validate(teacher == null ? -1 : teacher.length, student == null ? -1 : student.length,
                batch, classes, labels, weights, gradient == null ? -1 : gradient.length);
        boolean fused = (kind == LossKind.KD || kind == LossKind.FORWARD_KL) && gradient != null;
        return run(batch, (from, to, chunk) -> {
            double[] rows = fused ? null : new double[3 * classes];
            int[] perm = kind == LossKind.PLD ? new int[2 * classes] : null;
            double[] work = kind == LossKind.PLD ? new double[classes] : null;
            double sum = 0;
            for (int i = from; i < to; i++) {
                double scale = (weights == null ? 1 : weights[i]) / batch;
                int label = labels == null ? -1 : labels[i];
                int off = i * classes;
                double li;
                if (fused) {
                    li = klRowFloat(teacher, student, off, classes, label, scale, gradient,
                            workspace, chunk * classes);
                } else {
                    for (int k = 0; k < classes; k++) {
                        double tk = teacher[off + k];
                        double sk = student[off + k];
                        if (!Double.isFinite(tk) || !Double.isFinite(sk)) {
                            throw notFinite(teacher, student, i, classes);
                        }
                        rows[k] = tk;
                        rows[classes + k] = sk;
                    }
                    li = row(rows, rows, 0, classes, label, scale, gradient == null ? null : rows,
                            perm, work, classes, 2 * classes);
                    if (gradient != null) {
                        for (int k = 0; k < classes; k++) {
                            gradient[off + k] = (float) rows[2 * classes + k];
                        }
                    }
                }
                sum += scale * li;
            }
            return sum;
        });
    }

    // ---------------------------------------------------------------- driver and validation

    @FunctionalInterface
    private interface Chunk {
        double apply(int from, int to, int chunk);
    }

    private double run(int batch, Chunk chunk) {
        int chunks = Math.min(parallelism, batch);
        if (chunks <= 1) {
            return chunk.apply(0, batch, 0);
        }
        double[] partial = new double[chunks];
        // the calling thread takes part in the parallel stream, alongside the common pool's workers
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = (int) ((long) batch * c / chunks);
            int to = (int) ((long) batch * (c + 1) / chunks);
            partial[c] = chunk.apply(from, to, c);
        });
        double sum = 0;
        for (double v : partial) {
            sum += v;
        }
        return sum;
    }

    private void validate(int tLen, int sLen, int batch, int classes, int[] labels, double[] weights,
            int gLen) {
        if (tLen < 0) {
            throw Checks.fail("teacher is null");
        }
        if (sLen < 0) {
            throw Checks.fail("student is null");
        }
        Checks.requirePositive("batch", batch);
        Checks.requirePositive("classes", classes);
        if ((long) batch * classes != tLen) {
            throw Checks.fail("teacher has %d values, expected batch·classes = %d·%d", tLen, batch, classes);
        }
        if (sLen != tLen) {
            throw Checks.fail("teacher and student differ in length: %d vs %d", tLen, sLen);
        }
        if (gLen >= 0 && gLen != tLen) {
            throw Checks.fail("gradient has %d values, expected %d", gLen, tLen);
        }
        if (labels != null) {
            if (labels.length != batch) {
                throw Checks.fail("labels has %d entries, expected batch = %d", labels.length, batch);
            }
            for (int i = 0; i < batch; i++) {
                if (labels[i] < 0 || labels[i] >= classes) {
                    throw Checks.fail("labels[%d] is out of range [0, %d): %d", i, classes, labels[i]);
                }
            }
        } else if (kind == LossKind.KD && labelWeight > 0) {
            throw Checks.fail("labels are required when labelWeight > 0 (%s)", labelWeight);
        }
        if (weights != null) {
            if (weights.length != batch) {
                throw Checks.fail("weights has %d entries, expected batch = %d", weights.length, batch);
            }
            for (int i = 0; i < batch; i++) {
                if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                    throw Checks.fail("weights[%d] is negative or not finite: %s", i, weights[i]);
                }
            }
        }
    }

    private static IllegalArgumentException notFinite(float[] t, float[] s, int i, int classes) {
        for (int k = 0; k < classes; k++) {
            if (!Float.isFinite(t[i * classes + k])) {
                return Checks.fail("teacher[%d][%d] is not finite: %s", i, k, t[i * classes + k]);
            }
            if (!Float.isFinite(s[i * classes + k])) {
                return Checks.fail("student[%d][%d] is not finite: %s", i, k, s[i * classes + k]);
            }
        }
        return Checks.fail("loss of row %d is not finite", i);
    }

    // ---------------------------------------------------------------- fused float KL / KD kernel

    /** kd / forward-kl on a float row; returns L_i (unweighted), writes scale·∂L_i/∂s. */
    private double klRowFloat(float[] t, float[] s, int off, int c, int label, double scale, float[] g,
            float[] work, int wOff) {
        double inv = 1 / temperature;
        float mt = Float.NEGATIVE_INFINITY;
        float ms = Float.NEGATIVE_INFINITY;
        for (int k = off, end = off + c; k < end; k++) {
            mt = Math.max(mt, t[k]);
            ms = Math.max(ms, s[k]);
        }
        double zt = 0;
        double zs = 0;
        double cross = 0;
        for (int k = off, end = off + c; k < end; k++) {
            double tk = t[k];
            double sk = s[k];
            double ea = expNonPositive((tk - mt) * inv);
            double eb = expNonPositive((sk - ms) * inv);
            zt += ea;
            zs += eb;
            cross += ea * (tk - sk);
            g[k] = (float) eb;
            if (work != null) {
                work[wOff + k - off] = (float) ea;
            }
        }
        double kl = (cross / zt - (mt - ms)) * inv - Math.log(zt) + Math.log(zs);
        if (!Double.isFinite(kl)) {
            throw notFinite(t, s, off / c, c);
        }
        kl = Math.max(kl, 0);
        double factor = kind == LossKind.KD ? temperature * temperature : 1;
        double alpha = kind == LossKind.KD && label >= 0 ? labelWeight : 0;
        double cq = (1 - alpha) * factor * inv * scale / zs;
        double cp = (1 - alpha) * factor * inv * scale / zt;
        if (work != null) {
            for (int k = 0; k < c; k++) {
                g[off + k] = (float) (cq * g[off + k] - cp * work[wOff + k]);
            }
        } else {
            for (int k = off, end = off + c; k < end; k++) {
                g[k] = (float) (cq * g[k] - cp * expNonPositive((t[k] - mt) * inv));
            }
        }
        double loss = (1 - alpha) * factor * kl;
        if (alpha > 0) {
            double z1 = 0;
            for (int k = off, end = off + c; k < end; k++) {
                z1 += Math.exp(s[k] - ms);
            }
            double lz = Math.log(z1);
            double a = alpha * scale;
            for (int k = off, end = off + c; k < end; k++) {
                g[k] += (float) (a * Math.exp(s[k] - ms - lz));
            }
            g[off + label] -= (float) a;
            loss += alpha * (lz + ms - s[off + label]);
        }
        return loss;
    }

    private static final double LOG2E = 1 / Math.log(2);
    private static final double[] EXP2 = new double[10];

    static {
        // Taylor coefficients of 2^f = e^{f ln 2}: (ln 2)^k / k!
        double c = 1;
        for (int k = 0; k < EXP2.length; k++) {
            EXP2[k] = c;
            c *= Math.log(2) / (k + 1);
        }
    }

    /**
     * {@code e^x} for {@code x ≤ 0} with relative error below 1e-10 (far below float resolution),
     * for the float kernels: {@code x log2 e = n + f}, {@code |f| ≤ ½}, a degree-9 Taylor polynomial
     * for {@code 2^f} and the exponent bits for {@code 2^n}. Arguments below −700 give
     * {@code e^{−700} ≈ 1e−304} instead of a smaller value or 0, which is immaterial next to the row's
     * largest term, 1. Branch-free so the JIT can keep the loop tight.
     */
    static double expNonPositive(double x) {
        double y = Math.max(x, -700.0) * LOG2E;
        double n = Math.floor(y + 0.5);
        double f = y - n;
        double p = EXP2[0] + f * (EXP2[1] + f * (EXP2[2] + f * (EXP2[3] + f * (EXP2[4] + f * (EXP2[5]
                + f * (EXP2[6] + f * (EXP2[7] + f * (EXP2[8] + f * EXP2[9]))))))));
        return p * Double.longBitsToDouble(((long) n + 1023) << 52);
    }

    // ---------------------------------------------------------------- double row kernel

    private double row(double[] t, double[] s, int off, int c, int label, double scale, double[] g,
            int[] perm, double[] work) {
        return row(t, s, off, c, label, scale, g, perm, work, off, off);
    }

    /**
     * One row: the teacher starts at {@code t[off]}, the student at {@code s[sOff]}, the gradient at
     * {@code g[gOff]}; returns the unweighted row loss and writes {@code scale·∂L_i/∂s}.
     */
    private double row(double[] t, double[] s, int off, int c, int label, double scale, double[] g,
            int[] perm, double[] work, int sOff, int gOff) {
        if (kind == LossKind.PLD) {
            return pldRow(t, s, off, sOff, c, label, scale, g, gOff, perm, work);
        }
        double inv = 1 / temperature;
        double mt = Double.NEGATIVE_INFINITY;
        double ms = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < c; k++) {
            mt = Math.max(mt, t[off + k]);
            ms = Math.max(ms, s[sOff + k]);
        }
        double zt = 0;
        double zs = 0;
        for (int k = 0; k < c; k++) {
            zt += Math.exp((t[off + k] - mt) * inv);
            zs += Math.exp((s[sOff + k] - ms) * inv);
        }
        double lt = Math.log(zt);
        double ls = Math.log(zs);
        if (kind == LossKind.KD || kind == LossKind.FORWARD_KL) {
            return klRowDouble(t, s, off, sOff, c, label, scale, g, gOff, mt, ms, lt, ls);
        }
        // generic: G_k = ∂L/∂q_k stored in g; then g_k = scale/τ · q_k (G_k − Σ q G)
        double loss = 0;
        double qg = 0;
        double logLambda = Double.isNaN(lambda) ? 0 : Math.log(lambda);
        double logOneMinus = Double.isNaN(lambda) ? 0 : Math.log1p(-lambda);
        for (int k = 0; k < c; k++) {
            double lp = (t[off + k] - mt) * inv - lt;
            double lq = (s[sOff + k] - ms) * inv - ls;
            double p = Math.exp(lp);
            double q = Math.exp(lq);
            double term;
            double gk;
            switch (kind) {
                case REVERSE_KL:
                    term = q * (lq - lp);
                    gk = lq - lp;
                    break;
                case JS: {
                    double lm = Numerics.logAddExp(lp, lq) - LN2;
                    term = 0.5 * (p * (lp - lm) + q * (lq - lm));
                    gk = 0.5 * (lq - lm);
                    break;
                }
                case SKEW_KL: {
                    double lm = Numerics.logAddExp(lp + logLambda, lq + logOneMinus);
                    term = p * (lp - lm);
                    gk = -(1 - lambda) * Math.exp(lp - lm);
                    break;
                }
                case SKEW_REVERSE_KL: {
                    double lm = Numerics.logAddExp(lq + logLambda, lp + logOneMinus);
                    term = q * (lq - lm);
                    gk = lq - lm - lambda * Math.exp(lq - lm);
                    break;
                }
                case TV:
                    term = 0.5 * Math.abs(p - q);
                    gk = 0.5 * Math.signum(q - p);
                    break;
                case F_DIVERGENCE:
                    term = divergence.term(p, q);
                    gk = fWeight(divergence, Math.exp(lp - lq));
                    break;
                default:
                    throw new AssertionError(kind);
            }
            loss += term;
            qg += q * gk;
            if (g != null) {
                g[gOff + k] = gk;
            }
        }
        if (kind == LossKind.F_DIVERGENCE) {
            loss = divergence.fromSum(loss);
        }
        if (!Double.isFinite(loss) || !Double.isFinite(qg)) {
            throw Checks.fail("loss of row %d is not finite (%s): the student assigns (numerically) "
                    + "zero probability where the teacher does not", off / c, kind.cliName());
        }
        if (g != null) {
            double f = scale * inv;
            for (int k = 0; k < c; k++) {
                double q = Math.exp((s[sOff + k] - ms) * inv - ls);
                g[gOff + k] = f * q * (g[gOff + k] - qg);
            }
        }
        return Math.max(loss, 0);
    }

    private static final double LN2 = Math.log(2);

    private double klRowDouble(double[] t, double[] s, int off, int sOff, int c, int label, double scale,
            double[] g, int gOff, double mt, double ms, double lt, double ls) {
        double inv = 1 / temperature;
        double kl = 0;
        for (int k = 0; k < c; k++) {
            double lp = (t[off + k] - mt) * inv - lt;
            double lq = (s[sOff + k] - ms) * inv - ls;
            kl += Math.exp(lp) * (lp - lq);
        }
        kl = Math.max(kl, 0);
        double factor = kind == LossKind.KD ? temperature * temperature : 1;
        double alpha = kind == LossKind.KD && label >= 0 ? labelWeight : 0;
        double f = (1 - alpha) * factor * inv * scale;
        double loss = (1 - alpha) * factor * kl;
        double lz = 0;
        if (alpha > 0) {
            double z1 = 0;
            for (int k = 0; k < c; k++) {
                z1 += Math.exp(s[sOff + k] - ms);
            }
            lz = Math.log(z1);
            loss += alpha * (lz + ms - s[sOff + label]);
        }
        if (g != null) {
            for (int k = 0; k < c; k++) {
                double p = Math.exp((t[off + k] - mt) * inv - lt);
                double q = Math.exp((s[sOff + k] - ms) * inv - ls);
                double gk = f * (q - p);
                if (alpha > 0) {
                    gk += alpha * scale * Math.exp(s[sOff + k] - ms - lz);
                }
                g[gOff + k] = gk;
            }
            if (alpha > 0) {
                g[gOff + label] -= alpha * scale;
            }
        }
        return loss;
    }

    /** G(r) = f(r) − r f'(r) for the f-divergence (see the class comment). */
    static double fWeight(Divergence d, double r) {
        switch (d.kind()) {
            case KL:
                return -r;
            case REVERSE_KL:
                return 1 - Math.log(r);
            case JS:
                return -0.5 * Math.log((1 + r) / 2);
            case SQUARED_HELLINGER:
                return 0.5 * (1 - Math.sqrt(r));
            case TV:
                return -0.5 * Math.signum(r - 1);
            case CHI2:
                return 1 - r * r;
            case NEYMAN_CHI2:
                return 2 / r - 2;
            case JEFFREYS:
                return 1 - r - Math.log(r);
            case TRIANGULAR:
                return -(r - 1) * (3 * r + 1) / ((r + 1) * (r + 1));
            case ALPHA: {
                double a = d.alpha();
                return a == 0 ? -Math.log(r) : -(Math.pow(r, a) - 1) / a;
            }
            default:
                throw new AssertionError(d.kind());
        }
    }

    // ---------------------------------------------------------------- PLD

    private double pldRow(double[] t, double[] s, int off, int sOff, int c, int label, double scale,
            double[] g, int gOff, int[] perm, double[] work) {
        double inv = 1 / temperature;
        // ranking: label first, then descending teacher logit, ties by index (stable merge sort)
        int n = 0;
        if (label >= 0) {
            perm[n++] = label;
        }
        for (int k = 0; k < c; k++) {
            if (k != label) {
                perm[n++] = k;
            }
        }
        int start = label >= 0 ? 1 : 0;
        sortDescending(perm, start, c, t, off, perm, c);
        double mt = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < c; k++) {
            mt = Math.max(mt, t[off + k]);
        }
        double zt = 0;
        for (int k = 0; k < c; k++) {
            zt += Math.exp((t[off + k] - mt) * inv);
        }
        double lt = Math.log(zt);
        // work[j] = log S_j = log Σ_{l≥j} exp(z_{π_l}), by a backward log-add
        double acc = Double.NEGATIVE_INFINITY;
        for (int j = c - 1; j >= 0; j--) {
            acc = Numerics.logAddExp(acc, s[sOff + perm[j]] * inv);
            work[j] = acc;
        }
        double loss = 0;
        double prefix = Double.NEGATIVE_INFINITY; // log Σ_{k≤j} w_k / S_k
        for (int j = 0; j < c; j++) {
            int cls = perm[j];
            double lw = (t[off + cls] - mt) * inv - lt;
            double w = Math.exp(lw);
            double z = s[sOff + cls] * inv;
            loss += w * (work[j] - z);
            prefix = Numerics.logAddExp(prefix, lw - work[j]);
            if (g != null) {
                g[gOff + cls] = scale * inv * (Math.exp(z + prefix) - w);
            }
        }
        if (!Double.isFinite(loss)) {
            throw Checks.fail("loss of row %d is not finite (pld)", off / c);
        }
        return loss;
    }

    /** Stable merge sort of a[from..to) by descending key t[off + a[i]], using tmp[tmpOff..]. */
    private static void sortDescending(int[] a, int from, int to, double[] t, int off, int[] tmp,
            int tmpOff) {
        for (int width = 1; width < to - from; width *= 2) {
            for (int lo = from; lo < to - width; lo += 2 * width) {
                int mid = lo + width;
                int hi = Math.min(lo + 2 * width, to);
                int i = lo;
                int j = mid;
                int k = tmpOff;
                while (i < mid && j < hi) {
                    if (t[off + a[j]] > t[off + a[i]]) {
                        tmp[k++] = a[j++];
                    } else {
                        tmp[k++] = a[i++];
                    }
                }
                while (i < mid) {
                    tmp[k++] = a[i++];
                }
                while (j < hi) {
                    tmp[k++] = a[j++];
                }
                System.arraycopy(tmp, tmpOff, a, lo, hi - lo);
            }
        }
    }

    @Override
    public String toString() {
        switch (kind) {
            case SKEW_KL:
            case SKEW_REVERSE_KL:
                return kind.cliName() + ":" + lambda + " (τ=" + temperature + ")";
            case F_DIVERGENCE:
                return "f:" + divergence + " (τ=" + temperature + ")";
            default:
                return kind.cliName() + " (τ=" + temperature + ")";
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DistillationLoss)) {
            return false;
        }
        DistillationLoss l = (DistillationLoss) o;
        return kind == l.kind && Double.compare(temperature, l.temperature) == 0
                && Double.compare(lambda, l.lambda) == 0 && Double.compare(labelWeight, l.labelWeight) == 0
                && Objects.equals(divergence, l.divergence) && parallelism == l.parallelism;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, temperature, lambda, labelWeight, divergence, parallelism);
    }
}
