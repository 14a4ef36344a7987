package dev.entropic.divergences;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints the largest relative error per quantity against {@code reference/woe_iv_psi.properties},
 * the figures behind the tolerances of {@link WoeIvPsiReferenceTest}:
 * {@code java -cp divergences/target/test-classes:divergences/target/classes:<deps> dev.entropic.divergences.WoeIvPsiReferenceAgreement}.
 */
final class WoeIvPsiReferenceAgreement {
    private final Map<String, Double> worst = new TreeMap<>();

    private WoeIvPsiReferenceAgreement() {
    }

    private void record(String what, double[] expected, double[] actual) {
        for (int i = 0; i < expected.length; i++) {
            record(what, expected[i], actual[i]);
        }
    }

    private void record(String what, double expected, double actual) {
        double err = expected == actual ? 0 : Math.abs(actual - expected) / Math.abs(expected);
        worst.merge(what, err, Math::max);
    }

    public static void main(String[] args) {
        WoeIvPsiReference ref = new WoeIvPsiReference();
        WoeIvPsiReferenceAgreement a = new WoeIvPsiReferenceAgreement();
        Divergence jeffreys = Divergence.of(DivergenceKind.JEFFREYS);
        for (String name : ref.cases("iv")) {
            String p = "iv." + name;
            InformationValueResult r = InformationValue.withDefaults().withPseudoCount(ref.number(p + ".pseudoCount"))
                    .compute(ref.doubles(p + ".goods"), ref.doubles(p + ".bads"));
            a.record("woe / log-ratio", ref.doubles(p + ".logRatios"), r.weightsOfEvidence());
            a.record("contribution", ref.doubles(p + ".contributions"), r.contributions());
            a.record("iv / psi", ref.number(p + ".total"), r.informationValue());
            a.record("standard error", ref.number(p + ".standardError"), r.standardError());
            a.record("standard error, fixed weights", ref.number(p + ".standardErrorFixedWeights"),
                    r.standardErrorFixedWeights());
            a.record("p-value", ref.number(p + ".pValue"), r.pValue());
            a.record("IV vs Divergence JEFFREYS(b, g)", jeffreys.between(r.badShares(), r.goodShares()),
                    r.informationValue());
        }
        for (String name : ref.cases("psi")) {
            String p = "psi." + name;
            PopulationStabilityIndex psi = PopulationStabilityIndex.withDefaults()
                    .withPseudoCount(ref.number(p + ".pseudoCount"));
            PopulationStabilityResult r;
            switch (ref.string(p + ".kind")) {
                case "counts":
                    r = psi.compute(ref.doubles(p + ".expected"), ref.doubles(p + ".actual"));
                    break;
                case "shares":
                    r = psi.computeFromShares(ref.doubles(p + ".expected"), ref.number(p + ".expectedSize"),
                            ref.doubles(p + ".actual"), ref.number(p + ".actualSize"));
                    break;
                default: {
                    double[] base = ref.doubles(p + ".expectedScores");
                    int k = ref.integer(p + ".k");
                    Binning b = ref.string(p + ".binning").equals("quantiles")
                            ? Binning.quantiles(base, k) : Binning.equalWidth(base, k);
                    a.record("cut points", ref.doubles(p + ".cutPoints"), b.cutPoints());
                    r = psi.compute(base, ref.doubles(p + ".actualScores"), b);
                }
            }
            a.record("woe / log-ratio", ref.doubles(p + ".logRatios"), r.logRatios());
            a.record("contribution", ref.doubles(p + ".contributions"), r.contributions());
            a.record("iv / psi", ref.number(p + ".total"), r.psi());
            a.record("standard error", ref.number(p + ".standardError"), r.standardError());
            a.record("standard error, known baseline", ref.number(p + ".standardErrorFirstOnly"),
                    r.standardErrorKnownBaseline());
            a.record("standard error, fixed weights", ref.number(p + ".standardErrorFixedWeights"),
                    r.standardErrorFixedWeights());
            a.record("p-value", ref.number(p + ".pValue"), r.pValue());
        }
        a.worst.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-34s max relative error %.3g%n", k, v));
    }
}
