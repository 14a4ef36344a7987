package dev.entropic.distillation;

/**
 * The distillation losses of {@link DistillationLoss}, with their command-line names. In every
 * formula {@code p = softmax(t/τ)} is the teacher's and {@code q = softmax(s/τ)} the student's
 * tempered distribution; natural logarithms.
 */
public enum LossKind {
    /** Hinton KD: {@code τ²·KL(p‖q)}, optionally mixed with cross-entropy on hard labels. */
    KD("kd"),
    /** Forward KL {@code KL(p‖q)}. */
    FORWARD_KL("forward-kl"),
    /** Reverse KL {@code KL(q‖p)}. */
    REVERSE_KL("reverse-kl"),
    /** Jensen–Shannon {@code ½KL(p‖m) + ½KL(q‖m)}, {@code m = (p+q)/2}. */
    JS("js"),
    /** Skew KL {@code KL(p ‖ λp + (1−λ)q)} (DistiLLM). */
    SKEW_KL("skew-kl"),
    /** Skew reverse KL {@code KL(q ‖ λq + (1−λ)p)} (DistiLLM). */
    SKEW_REVERSE_KL("skew-reverse-kl"),
    /** Total variation {@code ½Σ|p − q|}. */
    TV("tv"),
    /** Any f-divergence {@code D_f(p‖q) = Σ q f(p/q)} of the divergences module. */
    F_DIVERGENCE("f"),
    /** Plackett–Luce list-wise distillation (PLD). */
    PLD("pld");

    private final String cliName;

    LossKind(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line, e.g. {@code "skew-kl"}. */
    public String cliName() {
        return cliName;
    }
}
