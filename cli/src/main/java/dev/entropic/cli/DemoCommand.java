package dev.entropic.cli;

import dev.entropic.core.DiscreteDistribution;
import dev.entropic.divergences.Divergence;
import dev.entropic.divergences.DivergenceKind;
import dev.entropic.divergences.InformationValue;
import dev.entropic.divergences.InformationValueResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code entropic demo}: the main job on embedded data. Compares the score-band distributions of
 * bad and good accounts of a demo credit portfolio with every divergence of the f-family.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "The divergence demo on embedded data (credit-score bands of goods and bads): "
                + "every divergence of the f-family between the bad and good distributions.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        double[][] table = readResource("/demo/score_bands.csv");
        double[] goods = new double[table.length];
        double[] bads = new double[table.length];
        for (int i = 0; i < table.length; i++) {
            goods[i] = table[i][1];
            bads[i] = table[i][2];
        }
        DiscreteDistribution good = DiscreteDistribution.ofWeights(goods);
        DiscreteDistribution bad = DiscreteDistribution.ofWeights(bads);
        List<Divergence> all = new ArrayList<>();
        for (DivergenceKind k : DivergenceKind.values()) {
            if (k.needsAlpha()) {
                all.add(Divergence.of(k, 0.5));
                all.add(Divergence.of(k, 2));
            } else {
                all.add(Divergence.of(k));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Divergence d : all) {
            values.put(d.toString(), d.between(bad, good));
        }
        InformationValueResult iv = InformationValue.withDefaults().compute(goods, bads);
        Map<String, Object> ivJson = new LinkedHashMap<>();
        ivJson.put("iv", iv.informationValue());
        ivJson.put("standardError", iv.standardError());
        ivJson.put("pValue", iv.pValue());
        ivJson.put("woe", iv.weightsOfEvidence());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("data", "demo/score_bands.csv");
            o.put("bins", table.length);
            o.put("p", "bads");
            o.put("q", "goods");
            o.put("divergences", values);
            o.put("informationValue", ivJson);
            out.println(Outputs.json(o));
            return Main.OK;
        }
        out.println("entropic demo: credit-score bands of a demo portfolio ("
                + (long) sum(goods) + " goods, " + (long) sum(bads) + " bads, " + table.length + " bands)");
        out.println("D(bads || goods), natural logarithms:");
        for (Map.Entry<String, Object> e : values.entrySet()) {
            out.println(String.format(Locale.ROOT, "  %-22s %.10f", e.getKey(), (Double) e.getValue()));
        }
        out.println(String.format(Locale.ROOT, "information value IV = %.6f ± %.6f (delta-method SE), "
                + "chi-squared test p = %.3g", iv.informationValue(), iv.standardError(), iv.pValue()));
        out.println("weights of evidence ln(goods share / bads share) per band:");
        double[] woe = iv.weightsOfEvidence();
        for (int i = 0; i < woe.length; i++) {
            out.println(String.format(Locale.ROOT, "  band %2d  %+.4f", i + 1, woe[i]));
        }
        out.println("(IV is the jeffreys divergence of the band shares; see `entropic iv --help`, "
                + "`entropic divergence --help`)");
        return Main.OK;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    static double[][] readResource(String name) throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing embedded resource " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            StringBuilder body = new StringBuilder();
            for (String line : text.split("\n")) {
                if (!line.startsWith("#")) {
                    body.append(line).append('\n');
                }
            }
            return Inputs.readCsv(name, body.toString());
        }
    }

}
