package dev.entropic.estimators.examples;

import dev.entropic.core.MultivariateNormal;
import dev.entropic.core.Normal;
import dev.entropic.core.Rng;
import dev.entropic.estimators.MultipleExpectations;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Prints, for p = N(0, I_d), four expectations with closed forms estimated by
 * {@link MultipleExpectations} (budget 20 000, stages of 1 000, seed 7) next to a real plain Monte
 * Carlo run with the same budget (seed 8): estimate, truth, standard errors and their ratio, then
 * the stages' criterion and the stop reason. Not a test (no assertions); run with
 * {@code java -cp <estimators test-classes, classes, core classes, commons-rng, ejml, hipparchus jars>
 * dev.entropic.estimators.examples.MultipleExpectationsExample [d]}.
 */
public final class MultipleExpectationsExample {
    private MultipleExpectationsExample() {
    }

    public static void main(String[] args) {
        int d = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        List<ToDoubleFunction<double[]>> f = List.of(
                x -> x[0] > 3 ? 1 : 0,
                x -> x[0] + x[1] > 4 ? 1 : 0,
                x -> Math.exp(0.5 * x[0] + 0.5 * x[1]),
                x -> x[0] * x[0]);
        String[] names = {"1{x1>3}", "1{x1+x2>4}", "exp(x1/2+x2/2)", "x1^2"};
        double[] truth = {Normal.standard().cdf(-3), Normal.standard().cdf(-4 / Math.sqrt(2)), Math.exp(0.25), 1};
        MultivariateNormal p = MultivariateNormal.standard(d);
        MultipleExpectations.Result r = MultipleExpectations.withDefaults().withBudget(20_000).withStageSize(1_000)
                .estimate(p, f, Rng.seeded(7));
        MultipleExpectations.Estimate mc = MultipleExpectations.plainMonteCarlo(p, f, 20_000, Rng.seeded(8));
        System.out.printf(Locale.ROOT, "d = %d, budget 20000: %d adaptation draws, %d final draws, stop: %s%n", d,
                r.adaptationSampleSize(), r.finalSampleSize(), r.stopReason());
        System.out.printf(Locale.ROOT, "%-16s %14s %14s %12s %12s %8s%n", "function", "estimate", "truth", "se",
                "plain MC se", "ratio");
        for (int k = 0; k < f.size(); k++) {
            System.out.printf(Locale.ROOT, "%-16s %14.6e %14.6e %12.3e %12.3e %8.1f%n", names[k], r.estimates()[k],
                    truth[k], r.standardErrors()[k], mc.standardErrors()[k], mc.standardErrors()[k] / r.standardErrors()[k]);
        }
        System.out.println("criterion J per stage: " + java.util.Arrays.toString(r.criteria()));
    }
}
