package dev.entropic.distillation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ValidationTest {
    private static final double[] T = {1, 2, 3, 0, 0, 1};
    private static final double[] S = {0, 1, 0, 2, 1, 0};

    private static void assertMessage(String part, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void badInputIsRejectedWithAMessage() {
        DistillationLoss kd = DistillationLoss.kd();
        assertMessage("temperature", () -> kd.withTemperature(0));
        assertMessage("temperature", () -> kd.withTemperature(Double.NaN));
        assertMessage("expected batch·classes", () -> kd.compute(T, S, 2, 2, null, null, null));
        assertMessage("differ in length", () -> kd.compute(T, new double[5], 2, 3, null, null, null));
        assertMessage("labels[1] is out of range", () -> kd.compute(T, S, 2, 3, new int[] {0, 3}, null, null));
        assertMessage("student[1][0] is not finite",
                () -> kd.compute(T, new double[] {0, 0, 0, Double.NaN, 0, 0}, 2, 3, null, null, null));
        assertMessage("teacher[0][2] is not finite",
                () -> kd.compute(new float[] {0, 0, Float.NEGATIVE_INFINITY, 0, 0, 0}, new float[6], 2, 3,
                        null, null, new float[6]));
        assertMessage("weights[0]", () -> kd.compute(T, S, 2, 3, null, new double[] {-1, 1}, null));
        assertMessage("labels are required", () -> kd.withLabelWeight(0.5).compute(T, S, 2, 3, null, null, null));
        assertMessage("gradient has 5 values", () -> kd.compute(T, S, 2, 3, null, null, new double[5]));
        assertMessage("lambda", () -> DistillationLoss.skewKl(1.5));
        assertMessage("loss is unknown", () -> DistillationLoss.parse("kl"));
        assertMessage("not an f-divergence", () -> DistillationLoss.parse("f:hellinger"));
        assertMessage("labelWeight applies to kd only", () -> DistillationLoss.jensenShannon().withLabelWeight(0.1));
    }

    @Test
    void callerArraysAreNotModified() {
        double[] t = T.clone();
        double[] s = S.clone();
        DistillationLoss.pld().compute(t, s, 2, 3, new int[] {2, 0}, null, new double[6]);
        assertEquals(java.util.Arrays.toString(T), java.util.Arrays.toString(t));
        assertEquals(java.util.Arrays.toString(S), java.util.Arrays.toString(s));
    }

    @Test
    void parsesEveryCliName() {
        assertEquals(LossKind.SKEW_REVERSE_KL, DistillationLoss.parse("skew-reverse-kl:0.1").kind());
        assertEquals(0.1, DistillationLoss.parse("skew-kl:0.1").lambda());
        assertEquals(LossKind.F_DIVERGENCE, DistillationLoss.parse("f:alpha:0.5").kind());
        assertEquals(LossKind.TV, DistillationLoss.parse("tv").kind());
    }
}
