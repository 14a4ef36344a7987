package dev.entropic.distillation;

import dev.entropic.core.Checks;
import dev.entropic.transport.CostMatrix;
import dev.entropic.transport.LogSinkhorn;
import dev.entropic.transport.TransportProblem;
import dev.entropic.transport.TransportResult;

/**
 * SinKD: the batch-wise Sinkhorn distance between the student's and the teacher's tempered
 * distributions, with its gradient with respect to the student logits.
 *
 * <p><b>Cost.</b> With {@code q_i = softmax(s_i/τ)} (student) and {@code p_j = softmax(t_j/τ)}
 * (teacher) for the {@code B} examples of a batch, the {@code B×B} cost is the L1 distance
 * {@code W_ij = Σ_c |q_ic − p_jc|} between sample i's student and sample j's teacher distribution,
 * and {@code K = exp(−W/ε)}.
 *
 * <p><b>Unrolled variant</b> ({@link Mode#UNROLLED}, the reference implementation's algorithm,
 * repository 2018cx/SinKD {@code loss.py}; defaults ε = 0.1, τ = 2, 20 rounds): starting from
 * {@code X_0 = K}, each round divides every row by its sum and then every column by its sum; the
 * loss is {@code L = (1/B) Σ_ij X_N,ij W_ij} and its gradient is differentiated exactly through the
 * {@code N} unrolled rounds (reverse mode over the diagonal scalings, O(N·B) memory). The reference
 * code returns {@code Σ_ij X_N,ij W_ij} (B times this value) multiplied by a training weight
 * 0.0008·20/8; multiply by that yourself to reproduce its numbers. {@code X_N} has unit column sums
 * and rows summing to ≈ 1, so {@code L} is a per-example mean like the other losses.
 *
 * <p><b>Converged variant</b> ({@link Mode#CONVERGED}): the entropic optimal-transport value
 * {@code OT_ε = min_P ⟨P, W⟩ + ε KL(P ‖ a⊗b)} over couplings of the uniform marginals
 * {@code a = b = 1/B}, solved by log-domain Sinkhorn to the marginal tolerance; by the envelope
 * (Danskin) theorem {@code ∂OT_ε/∂W = P*}, so the gradient needs no differentiation through the
 * iterations. The solve is the transport module's stabilised log-domain Sinkhorn
 * ({@link LogSinkhorn}, stopping when the L1 error of both marginals is at most the tolerance); the
 * loss is its regularised objective.
 *
 * <p>In both variants the chain to the student logits is
 * {@code ∂L/∂q_ic = Σ_j G_ij sign(q_ic − p_jc)} with {@code G = ∂L/∂W}, then
 * {@code ∂L/∂s_ic = (1/τ) q_ic (∂L/∂q_ic − Σ_c' q_ic' ∂L/∂q_ic')}. The sign is 0 at ties
 * (PyTorch's {@code cdist(p=1)} convention). Cost: O(B²C) for the cost and its chain, O(N·B²) for
 * the rounds.
 *
 * <p>Reference: X. Cui et al., "Sinkhorn Distance Minimization for Knowledge Distillation"
 * (LREC-COLING 2024); M. Cuturi, "Sinkhorn Distances: Lightspeed Computation of Optimal Transport"
 * (NeurIPS 2013).
 */
public final class SinkhornDistillation {
    /** Which Sinkhorn loss and gradient. */
    public enum Mode {
        /** The reference's fixed number of plain normalisation rounds, differentiated through. */
        UNROLLED,
        /** Log-domain Sinkhorn to convergence, gradient from the optimal plan (envelope theorem). */
        CONVERGED
    }

    /**
     * Loss, gradient and solver status.
     *
     * @param loss the loss
     * @param gradient {@code ∂loss/∂student}, flat row-major {@code B×C}
     * @param iterations normalisation rounds performed
     * @param converged whether the marginal error reached the tolerance (always true for unrolled)
     * @param marginalError converged: {@code ‖P1 − a‖₁ + ‖Pᵀ1 − b‖₁} of the final plan (the
     *     transport module's convention); unrolled: {@code Σ_i |Σ_j X_ij − 1|} (columns are exact)
     */
    public record Result(double loss, double[] gradient, int iterations, boolean converged,
            double marginalError) {
    }

    private final Mode mode;
    private final double epsilon;
    private final double temperature;
    private final int iterations;
    private final double tolerance;

    private SinkhornDistillation(Mode mode, double epsilon, double temperature, int iterations,
            double tolerance) {
        this.mode = mode;
        this.epsilon = epsilon;
        this.temperature = temperature;
        this.iterations = iterations;
        this.tolerance = tolerance;
    }

    /** The reference's variant: unrolled, ε = 0.1, τ = 2, 20 rounds. */
    public static SinkhornDistillation unrolled() {
        return new SinkhornDistillation(Mode.UNROLLED, 0.1, 2, 20, 0);
    }

    /** The converged variant: ε = 0.1, τ = 2, tolerance 1e-12, at most 10 000 iterations. */
    public static SinkhornDistillation converged() {
        return new SinkhornDistillation(Mode.CONVERGED, 0.1, 2, 10_000, 1e-12);
    }

    /** A copy with regularisation ε &gt; 0. */
    public SinkhornDistillation withEpsilon(double eps) {
        Checks.requirePositiveFinite("epsilon", eps);
        return new SinkhornDistillation(mode, eps, temperature, iterations, tolerance);
    }

    /** A copy with temperature τ &gt; 0. */
    public SinkhornDistillation withTemperature(double tau) {
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw Checks.fail("temperature must be positive and finite: %s", tau);
        }
        return new SinkhornDistillation(mode, epsilon, tau, iterations, tolerance);
    }

    /** A copy with the number of rounds (unrolled) or the iteration cap (converged), ≥ 1. */
    public SinkhornDistillation withIterations(int n) {
        Checks.requirePositive("iterations", n);
        return new SinkhornDistillation(mode, epsilon, temperature, n, tolerance);
    }

    /** A copy with the marginal tolerance of the converged variant (&gt; 0). */
    public SinkhornDistillation withTolerance(double tol) {
        Checks.requirePositiveFinite("tolerance", tol);
        return new SinkhornDistillation(mode, epsilon, temperature, iterations, tol);
    }

    /** The variant. */
    public Mode mode() {
        return mode;
    }

    /** ε. */
    public double epsilon() {
        return epsilon;
    }

    /** τ. */
    public double temperature() {
        return temperature;
    }

    /** Loss and gradient for flat row-major {@code batch × classes} logits. */
    public Result compute(double[] teacher, double[] student, int batch, int classes) {
        Checks.requireNonNull("teacher", teacher);
        Checks.requireNonNull("student", student);
        Checks.requirePositive("batch", batch);
        Checks.requirePositive("classes", classes);
        if ((long) batch * classes != teacher.length) {
            throw Checks.fail("teacher has %d values, expected batch·classes = %d·%d", teacher.length, batch, classes);
        }
        if (student.length != teacher.length) {
            throw Checks.fail("teacher and student differ in length: %d vs %d", teacher.length, student.length);
        }
        int b = batch;
        int c = classes;
        double[] p = softmaxRows(teacher, b, c, "teacher");
        double[] q = softmaxRows(student, b, c, "student");
        double[] w = new double[b * b];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < b; j++) {
                double d = 0;
                for (int k = 0; k < c; k++) {
                    d += Math.abs(q[i * c + k] - p[j * c + k]);
                }
                w[i * b + j] = d;
            }
        }
        double[] gw = new double[b * b];
        double loss;
        int rounds;
        boolean ok;
        double err;
        if (mode == Mode.UNROLLED) {
            double[] out = unrolled(w, b, gw);
            if (!Double.isFinite(out[0])) {
                throw Checks.fail("epsilon %s is too small for the unrolled (plain-domain) rounds: exp(-W/epsilon) "
                        + "underflows; use the converged (log-domain) variant or a larger epsilon", epsilon);
            }
            loss = out[0];
            rounds = iterations;
            ok = true;
            err = out[1];
        } else {
            double[] out = convergedPlan(w, b, gw);
            loss = out[0];
            rounds = (int) out[1];
            err = out[2];
            ok = out[3] == 1;
        }
        // chain: ∂L/∂q_ic = Σ_j G_ij sign(q_ic − p_jc), then the tempered softmax
        double[] grad = new double[b * c];
        for (int i = 0; i < b; i++) {
            for (int k = 0; k < c; k++) {
                double qk = q[i * c + k];
                double acc = 0;
                for (int j = 0; j < b; j++) {
                    acc += gw[i * b + j] * Math.signum(qk - p[j * c + k]);
                }
                grad[i * c + k] = acc;
            }
            double dot = 0;
            for (int k = 0; k < c; k++) {
                dot += q[i * c + k] * grad[i * c + k];
            }
            for (int k = 0; k < c; k++) {
                grad[i * c + k] = q[i * c + k] * (grad[i * c + k] - dot) / temperature;
            }
        }
        return new Result(loss, grad, rounds, ok, err);
    }

    /**
     * Loss and gradient for flat row-major float logits: the values are widened to double (the
     * B×B problem is small next to the logits) and the gradient is returned in double.
     */
    public Result compute(float[] teacher, float[] student, int batch, int classes) {
        Checks.requireNonNull("teacher", teacher);
        Checks.requireNonNull("student", student);
        double[] t = new double[teacher.length];
        double[] s = new double[student.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = teacher[i];
        }
        for (int i = 0; i < s.length; i++) {
            s[i] = student[i];
        }
        return compute(t, s, batch, classes);
    }

    /** Loss and gradient for {@code [batch][classes]} logits (gradient flat row-major). */
    public Result compute(double[][] teacher, double[][] student) {
        Checks.requireNonNull("teacher", teacher);
        Checks.requireNonNull("student", student);
        if (teacher.length != student.length || teacher.length == 0) {
            throw Checks.fail("teacher and student batch sizes must agree and be positive: %d vs %d",
                    teacher.length, student.length);
        }
        int c = teacher[0].length;
        double[] t = new double[teacher.length * c];
        double[] s = new double[t.length];
        for (int i = 0; i < teacher.length; i++) {
            if (teacher[i].length != c || student[i].length != c) {
                throw Checks.fail("row %d has %d teacher and %d student classes, expected %d", i,
                        teacher[i].length, student[i].length, c);
            }
            System.arraycopy(teacher[i], 0, t, i * c, c);
            System.arraycopy(student[i], 0, s, i * c, c);
        }
        return compute(t, s, teacher.length, c);
    }

    private double[] softmaxRows(double[] logits, int b, int c, String name) {
        double[] out = new double[b * c];
        for (int i = 0; i < b; i++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                double v = logits[i * c + k];
                if (!Double.isFinite(v)) {
                    throw Checks.fail("%s[%d][%d] is not finite: %s", name, i, k, v);
                }
                m = Math.max(m, v);
            }
            double z = 0;
            for (int k = 0; k < c; k++) {
                double e = Math.exp((logits[i * c + k] - m) / temperature);
                out[i * c + k] = e;
                z += e;
            }
            for (int k = 0; k < c; k++) {
                out[i * c + k] /= z;
            }
        }
        return out;
    }

    /** Unrolled rounds; fills gw = ∂L/∂W, returns {loss, row-marginal error}. */
    private double[] unrolled(double[] w, int b, double[] gw) {
        int n = iterations;
        double[] k = new double[b * b];
        for (int i = 0; i < b * b; i++) {
            k[i] = Math.exp(-w[i] / epsilon);
        }
        // X_n = diag(u_n) K diag(v_n), Y_n = diag(u_n) K diag(v_{n-1}); r_n, c_n the divisors
        double[] u = new double[(n + 1) * b];
        double[] v = new double[(n + 1) * b];
        double[] r = new double[(n + 1) * b];
        double[] cs = new double[(n + 1) * b];
        java.util.Arrays.fill(u, 0, b, 1);
        java.util.Arrays.fill(v, 0, b, 1);
        for (int t = 1; t <= n; t++) {
            for (int i = 0; i < b; i++) {
                double s = 0;
                for (int j = 0; j < b; j++) {
                    s += u[(t - 1) * b + i] * k[i * b + j] * v[(t - 1) * b + j];
                }
                r[t * b + i] = s;
                u[t * b + i] = u[(t - 1) * b + i] / s;
            }
            java.util.Arrays.fill(cs, t * b, (t + 1) * b, 0);
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < b; j++) {
                    cs[t * b + j] += u[t * b + i] * k[i * b + j] * v[(t - 1) * b + j];
                }
            }
            for (int j = 0; j < b; j++) {
                v[t * b + j] = v[(t - 1) * b + j] / cs[t * b + j];
            }
        }
        double loss = 0;
        double err = 0;
        for (int i = 0; i < b; i++) {
            double row = 0;
            for (int j = 0; j < b; j++) {
                double x = u[n * b + i] * k[i * b + j] * v[n * b + j];
                loss += x * w[i * b + j];
                row += x;
                gw[i * b + j] = w[i * b + j] / b; // G = ∂L/∂X_N
            }
            err += Math.abs(row - 1);
        }
        loss /= b;
        // reverse through the rounds; gw holds G = ∂L/∂X_t, becomes ∂L/∂X_{t-1}
        double[] colDot = new double[b];
        for (int t = n; t >= 1; t--) {
            // X_t = Y_t / c_t (columns): G_ij ← (G_ij − Σ_i' G_i'j X_t,i'j) / c_t,j
            java.util.Arrays.fill(colDot, 0);
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < b; j++) {
                    colDot[j] += gw[i * b + j] * u[t * b + i] * k[i * b + j] * v[t * b + j];
                }
            }
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < b; j++) {
                    gw[i * b + j] = (gw[i * b + j] - colDot[j]) / cs[t * b + j];
                }
            }
            // Y_t = X_{t-1} / r_t (rows): G_ij ← (G_ij − Σ_j' G_ij' Y_t,ij') / r_t,i
            for (int i = 0; i < b; i++) {
                double dot = 0;
                for (int j = 0; j < b; j++) {
                    dot += gw[i * b + j] * u[t * b + i] * k[i * b + j] * v[(t - 1) * b + j];
                }
                for (int j = 0; j < b; j++) {
                    gw[i * b + j] = (gw[i * b + j] - dot) / r[t * b + i];
                }
            }
        }
        // gw = ∂L/∂K; add the direct term and K's dependence on W
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < b; j++) {
                double x = u[n * b + i] * k[i * b + j] * v[n * b + j];
                gw[i * b + j] = x / b - gw[i * b + j] * k[i * b + j] / epsilon;
            }
        }
        return new double[] {loss, err};
    }

    /**
     * The transport module's stabilised log-domain Sinkhorn ({@link LogSinkhorn}) on the B×B cost with
     * uniform marginals; fills gw = P*, returns {loss, iterations, marginal error, converged}.
     */
    private double[] convergedPlan(double[] w, int b, double[] gw) {
        TransportResult r = LogSinkhorn.withDefaults().withEpsilon(epsilon).withTolerance(tolerance)
                .withMaxIterations(iterations).solve(TransportProblem.uniform(CostMatrix.of(w, b, b)));
        double[] plan = r.plan().toDenseArray();
        System.arraycopy(plan, 0, gw, 0, b * b);
        // r.objective() = ⟨P,W⟩ + ε KL(P ‖ a⊗b) (generalised KL; its mass terms cancel at the optimum)
        return new double[] {r.objective(), r.iterations(), r.marginalError(), r.converged() ? 1 : 0};
    }
}
