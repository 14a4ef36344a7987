package dev.entropic.estimators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entropic.core.MultivariateNormal;
import dev.entropic.core.Rng;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * {@link MultipleExpectations} against the authors' own implementation (Demange-Chryst, Bachoc,
 * Morio; {@code reference/multiple_expectations_authors.py} ran their code unchanged, 200
 * repetitions per problem, and recorded the spread of its estimates). On the same problems, budget,
 * stage schedule (N/10 per stage, at most half the budget for adaptation) and criterion weights,
 * entropic's estimates must be at least twice as precise — the weighted variance
 * {@code Σ_k w_k Var(Î_k)} the authors' algorithm minimises must be at most half of theirs — and entropic's
 * standard errors, which the authors' code does not give, must be honest: the pooled mean of
 * {@code z² = ((Î_k − I_k)/se_k)²} over functions and repetitions must be close to 1.
 */
class MultipleExpectationsAuthorsTest {
    /**
     * Pooled mean z² over the repetitions × m functions: 1 for honest standard errors; the bounds
     * leave room for the heavy-tailed integrands (x^20 under N(0,1)). On the moments problem (200
     * repetitions, seeds 1000..1199) the leave-one-out (HC3) standard errors give 1.08; the plain
     * residual standard errors used before gave 1.52 (|z| > 3 in 52 of 2000 cases).
     */
    static final double Z2_LOW = 0.7;
    static final double Z2_HIGH = 1.3;
    /** entropic's weighted variance must be at most the authors' divided by this. */
    static final double PRECISION_MARGIN = 2;

    static JsonNode problem(String name) throws Exception {
        try (InputStream in = MultipleExpectationsAuthorsTest.class.getResourceAsStream(
                "/reference/multiple_expectations_authors.json")) {
            for (JsonNode r : new ObjectMapper().readTree(in).get("results")) {
                if (r.get("problem").asText().equals(name)) {
                    return r;
                }
            }
        }
        throw new IllegalStateException("no problem " + name);
    }

    @Test
    void gaussianMomentsAtLeastAsPreciseAsTheAuthorsCode() throws Exception {
        List<ToDoubleFunction<double[]>> f = new ArrayList<>();
        for (int j = 1; j <= 10; j++) {
            int power = 2 * j;
            f.add(x -> Math.pow(x[0], power));
        }
        compare(problem("gaussian_moments"), MultivariateNormal.standard(1), f, 200, 1000);
    }

    @Test
    void rareEventsAndSmoothFunctionsAtLeastAsPreciseAsTheAuthorsCode() throws Exception {
        compare(problem("rare_and_smooth"), MultivariateNormal.standard(2), MultipleExpectationsTest.functions(), 40,
                5000);
    }

    static void compare(JsonNode ref, MultivariateNormal p, List<ToDoubleFunction<double[]>> f, int repetitions,
                        long firstSeed) {
        double[] truth = KernelDensityReferenceTest.arr(ref.get("truth"));
        double[] w = KernelDensityReferenceTest.arr(ref.get("weights"));
        int budget = ref.get("budget").asInt();
        assertEquals(truth.length, f.size());
        MultipleExpectations options = MultipleExpectations.withDefaults().withBudget(budget)
                .withStageSize(budget / 10).withMaxStages(5).withCriterionWeights(w);
        int m = f.size();
        double[][] est = new double[repetitions][];
        double z2 = 0;
        for (int r = 0; r < repetitions; r++) {
            MultipleExpectations.Result res = options.estimate(p, f, Rng.seeded(firstSeed + r));
            est[r] = res.estimates();
            for (int k = 0; k < m; k++) {
                double z = (est[r][k] - truth[k]) / res.standardErrors()[k];
                z2 += z * z / (repetitions * m);
            }
        }
        double ours = 0;
        for (int k = 0; k < m; k++) {
            double mean = 0;
            for (double[] e : est) {
                mean += e[k] / repetitions;
            }
            double var = 0;
            for (double[] e : est) {
                var += (e[k] - mean) * (e[k] - mean) / (repetitions - 1);
            }
            ours += w[k] * var;
        }
        double theirs = ref.get("authors_weighted_variance").asDouble();
        String msg = String.format(Locale.ROOT, "%s: entropic Σ w Var = %.3g, authors' code %.3g, plain MC %.3g; "
                + "pooled mean z² %.3f", ref.get("problem").asText(), ours, theirs,
                ref.get("mc_weighted_variance").asDouble(), z2);
        System.out.println(msg);
        assertTrue(ours <= theirs / PRECISION_MARGIN, msg);
        assertTrue(z2 > Z2_LOW && z2 < Z2_HIGH, msg);
    }
}
