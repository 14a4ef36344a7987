package dev.entropic.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entropic.core.EmpiricalDistribution;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Loads {@code reference/pot_reference.json} (produced by pot_reference.py with POT 0.8.2). */
final class PotReference {
    private static final JsonNode ROOT = load();

    private PotReference() {
    }

    private static JsonNode load() {
        try (InputStream in = PotReference.class.getResourceAsStream("/reference/pot_reference.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> cases(String kind) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode c : ROOT.get("cases")) {
            if (c.get("kind").asText().equals(kind)) {
                out.add(c);
            }
        }
        return out;
    }

    static double[] vector(JsonNode node) {
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = node.get(i).asDouble();
        }
        return v;
    }

    static double[][] matrix(JsonNode node) {
        double[][] v = new double[node.size()][];
        for (int i = 0; i < v.length; i++) {
            v[i] = vector(node.get(i));
        }
        return v;
    }

    static EmpiricalDistribution cloud(JsonNode c, String points, String weights) {
        return EmpiricalDistribution.of(matrix(c.get(points)), vector(c.get(weights)));
    }

    static GroundCost metric(String name) {
        switch (name) {
            case "sqeuclidean":
                return GroundCost.squaredEuclidean();
            case "euclidean":
                return GroundCost.euclidean();
            case "cityblock":
                return GroundCost.minkowski(1);
            default:
                throw new IllegalArgumentException(name);
        }
    }

    /** The POT problem: raw weights as stored (they sum to 1), cost from the points. */
    static TransportProblem problem(JsonNode c) {
        CostMatrix cost = CostMatrix.between(EmpiricalDistribution.of(matrix(c.get("xs"))),
                EmpiricalDistribution.of(matrix(c.get("xt"))), metric(c.get("metric").asText()));
        if (c.has("normalise") && c.get("normalise").asBoolean()) {
            cost = cost.normalizedByMax();
        }
        return TransportProblem.of(vector(c.get("a")), vector(c.get("b")), cost);
    }
}
