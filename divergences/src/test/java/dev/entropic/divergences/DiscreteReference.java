package dev.entropic.divergences;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference values of {@code reference/discrete_divergences.json}, written by
 * {@code reference/discrete_divergences.py}: for each case a pair of probability vectors and, for
 * each kind, the mpmath 50-digit truth and the values of the scipy 1.10.1 (or numpy) expressions.
 */
final class DiscreteReference {
    static final String RESOURCE = "/reference/discrete_divergences.json";

    /** One evaluation: kind, order (NaN if none), truth, and the peers' values by expression. */
    record Value(String kind, double alpha, double truth, Map<String, Double> peers) {
        Divergence divergence() {
            return Divergence.of(kind, alpha);
        }

        String label() {
            return Double.isNaN(alpha) ? kind : kind + "(" + alpha + ")";
        }
    }

    /** One pair p, q; {@code perturbation} is the relative perturbation of a p≈q pair, else NaN. */
    record Case(String name, double perturbation, double[] p, double[] q, List<Value> values) {
        /** {@code |Σp − 1| + |Σq − 1|}, the sums taken exactly. */
        double normalisationError() {
            return offset(p) + offset(q);
        }

        private static double offset(double[] x) {
            java.math.BigDecimal s = java.math.BigDecimal.ZERO;
            for (double v : x) {
                s = s.add(new java.math.BigDecimal(v));
            }
            return s.subtract(java.math.BigDecimal.ONE).abs().doubleValue();
        }
    }

    /** The cases and the versions of the libraries that produced them. */
    record Reference(List<Case> cases, String versions) {
    }

    private DiscreteReference() {
    }

    static Reference load() {
        try (InputStream in = DiscreteReference.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE);
            }
            JsonNode root = new ObjectMapper().readTree(in);
            List<Case> cases = new ArrayList<>();
            for (JsonNode c : root.get("cases")) {
                List<Value> values = new ArrayList<>();
                for (JsonNode v : c.get("values")) {
                    Map<String, Double> peers = new LinkedHashMap<>();
                    Iterator<Map.Entry<String, JsonNode>> it = v.get("peers").properties().iterator();
                    while (it.hasNext()) {
                        Map.Entry<String, JsonNode> e = it.next();
                        peers.put(e.getKey(), parse(e.getValue().asText()));
                    }
                    JsonNode a = v.get("alpha");
                    values.add(new Value(v.get("kind").asText(), a.isNull() ? Double.NaN : a.asDouble(),
                            parse(v.get("truth").asText()), peers));
                }
                JsonNode d = c.get("perturbation");
                cases.add(new Case(c.get("name").asText(), d.isNull() ? Double.NaN : d.asDouble(),
                        doubles(c.get("p")), doubles(c.get("q")), values));
            }
            return new Reference(cases, root.get("versions").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a decimal string (correctly rounded), "Infinity", "-Infinity" or "NaN". */
    private static double parse(String s) {
        return Double.parseDouble(s);
    }

    /** JSON numbers written by Python's repr: parsed from their text so they round-trip exactly. */
    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.parseDouble(array.get(i).asText());
        }
        return out;
    }
}
