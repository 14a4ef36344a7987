package dev.entropic.calibration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entropic.core.Checks;

/**
 * JSON form of every fitted model: an object with {@code "method"}, {@code "version"} (format
 * version 1), {@code "input"} ({@code "score"|"probability"}) and the parameters. Doubles are written
 * in Java's shortest round-tripping decimal form, so {@link #read(String)} restores the model bit for
 * bit. {@code +∞} (the last histogram edge) is written as the string {@code "Infinity"}.
 *
 * <ul>
 *   <li>{@code temperature}: {@code temperature, binary, iterations, converged}</li>
 *   <li>{@code platt}: {@code slope, intercept, targetSmoothing, iterations, converged}</li>
 *   <li>{@code isotonic}: {@code thresholds[], values[]}</li>
 *   <li>{@code histogram}: {@code edges[], outputs[]}</li>
 *   <li>{@code scaling-binning}: {@code edges[], outputs[], platt{...}}</li>
 *   <li>one-vs-rest use of a binary method ({@link OneVsRestModel}): the method's name, then
 *       {@code "multiclass": "one-vs-rest"} and {@code classes[]}, the JSON of each class's binary
 *       model (input {@code "score"}: it sees the class's binary score).</li>
 *   <li>top-label use of a binary method ({@link TopLabelModel}): the method's name,
 *       {@code "multiclass": "top-label"}, {@code pooled{...}} and {@code classes[]} (a class's own
 *       binary model, or {@code null} where the pooled one is used).</li>
 *   <li>{@code vector}: {@code weights[], intercepts[], nll, iterations, converged}</li>
 *   <li>{@code matrix}: {@code weights[][]} (rows), {@code intercepts[], lambdaOffDiagonal,
 *       lambdaIntercept, objective, iterations, converged}</li>
 * </ul>
 */
public final class CalibrationJson {
    /** The format version written and accepted. */
    public static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CalibrationJson() {
    }

    /** Serialises a model returned by one of this package's calibrators. */
    public static String write(Object model) {
        try {
            return MAPPER.writeValueAsString(node(model));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JSON tree of a model (for embedding, e.g. with extra keys). */
    public static ObjectNode node(Object model) {
        Checks.requireNonNull("model", model);
        ObjectNode o = MAPPER.createObjectNode();
        if (model instanceof TopLabelModel m) {
            ObjectNode pooled = node(m.pooled());
            header(o, pooled.get("method").asText(), m.input());
            o.put("multiclass", "top-label");
            o.set("pooled", pooled);
            ArrayNode classes = o.putArray("classes");
            for (CalibrationModel c : m.classes()) {
                if (c == null) {
                    classes.addNull();
                } else {
                    classes.add(node(c));
                }
            }
        } else if (model instanceof OneVsRestModel m) {
            ArrayNode classes = MAPPER.createArrayNode();
            String method = null;
            for (CalibrationModel c : m.classes()) {
                ObjectNode inner = node(c);
                method = inner.get("method").asText();
                classes.add(inner);
            }
            header(o, method, m.input());
            o.put("multiclass", "one-vs-rest");
            o.set("classes", classes);
        } else if (model instanceof TemperatureScalingModel t) {
            header(o, "temperature", t.input());
            o.put("temperature", t.temperature());
            o.put("binary", t.binary());
            o.put("iterations", t.iterations());
            o.put("converged", t.converged());
        } else if (model instanceof PlattModel p) {
            header(o, "platt", p.input());
            platt(o, p);
        } else if (model instanceof IsotonicModel m) {
            header(o, "isotonic", m.input());
            array(o.putArray("thresholds"), m.thresholds());
            array(o.putArray("values"), m.values());
        } else if (model instanceof BinnedModel b) {
            header(o, b.platt() == null ? "histogram" : "scaling-binning", b.input());
            array(o.putArray("edges"), b.edges());
            array(o.putArray("outputs"), b.outputs());
            if (b.platt() != null) {
                platt(o.putObject("platt"), b.platt());
            }
        } else if (model instanceof VectorScalingModel v) {
            header(o, "vector", v.input());
            array(o.putArray("weights"), v.weights());
            array(o.putArray("intercepts"), v.intercepts());
            o.put("nll", v.nll());
            o.put("iterations", v.iterations());
            o.put("converged", v.converged());
        } else if (model instanceof MatrixScalingModel m) {
            header(o, "matrix", m.input());
            ArrayNode rows = o.putArray("weights");
            for (double[] row : m.weights()) {
                array(rows.addArray(), row);
            }
            array(o.putArray("intercepts"), m.intercepts());
            o.put("lambdaOffDiagonal", m.lambdaOffDiagonal());
            o.put("lambdaIntercept", m.lambdaIntercept());
            o.put("objective", m.objective());
            o.put("iterations", m.iterations());
            o.put("converged", m.converged());
        } else {
            throw Checks.fail("model is not a calibration model: %s", model.getClass().getName());
        }
        return o;
    }

    /** Reads a model as a {@link CalibrationModel} (see {@link #read(String)}). */
    public static CalibrationModel readModel(String json) {
        return (CalibrationModel) read(json);
    }

    /**
     * Reads a model; returns a {@link TemperatureScalingModel}, {@link PlattModel},
     * {@link IsotonicModel}, {@link BinnedModel}, {@link OneVsRestModel}, {@link TopLabelModel},
     * {@link VectorScalingModel} or {@link MatrixScalingModel}. Malformed input → {@link IllegalArgumentException}.
     */
    public static Object read(String json) {
        JsonNode o;
        try {
            o = MAPPER.readTree(Checks.requireNonNull("json", json));
        } catch (JsonProcessingException e) {
            throw Checks.fail("json is not valid JSON: %s", e.getOriginalMessage());
        }
        if (o == null || !o.isObject()) {
            throw Checks.fail("json is not a JSON object");
        }
        int version = required(o, "version").asInt(-1);
        if (version != VERSION) {
            throw Checks.fail("json version must be %d: %s", VERSION, required(o, "version"));
        }
        String method = required(o, "method").asText();
        ScoreInput input = input(required(o, "input").asText());
        if (o.has("multiclass")) {
            String mode = o.get("multiclass").asText();
            if (mode.equals("top-label")) {
                JsonNode classes = required(o, "classes");
                if (!classes.isArray()) {
                    throw Checks.fail("json \"classes\" is not an array");
                }
                java.util.List<CalibrationModel> models = new java.util.ArrayList<>();
                for (JsonNode c : classes) {
                    models.add(c.isNull() ? null : (CalibrationModel) read(c.toString()));
                }
                return new TopLabelModel(models, (CalibrationModel) read(required(o, "pooled").toString()), input);
            }
            if (!mode.equals("one-vs-rest")) {
                throw Checks.fail("json multiclass must be one-vs-rest or top-label: %s", mode);
            }
            JsonNode classes = required(o, "classes");
            if (!classes.isArray()) {
                throw Checks.fail("json \"classes\" is not an array");
            }
            java.util.List<CalibrationModel> models = new java.util.ArrayList<>();
            for (JsonNode c : classes) {
                Object inner = read(c.toString());
                if (!c.path("method").asText().equals(method)) {
                    throw Checks.fail("json classes must all be %s models: %s", method, c.path("method").asText());
                }
                models.add((CalibrationModel) inner);
            }
            return new OneVsRestModel(models, input);
        }
        return switch (method) {
            case "temperature" -> new TemperatureScalingModel(number(o, "temperature"), input,
                    required(o, "binary").asBoolean(), required(o, "iterations").asInt(),
                    required(o, "converged").asBoolean());
            case "platt" -> platt(o, input);
            case "isotonic" -> IsotonicModel.of(doubles(o, "thresholds"), doubles(o, "values"), input);
            case "histogram" -> BinnedModel.of(doubles(o, "edges"), doubles(o, "outputs"), null, input);
            case "scaling-binning" -> BinnedModel.of(doubles(o, "edges"), doubles(o, "outputs"),
                    platt(required(o, "platt"), input), input);
            case "vector" -> new VectorScalingModel(doubles(o, "weights"), doubles(o, "intercepts"), input,
                    number(o, "nll"), required(o, "iterations").asInt(), required(o, "converged").asBoolean());
            case "matrix" -> new MatrixScalingModel(matrix(o, "weights"), doubles(o, "intercepts"),
                    number(o, "lambdaOffDiagonal"), number(o, "lambdaIntercept"), input, number(o, "objective"),
                    required(o, "iterations").asInt(), required(o, "converged").asBoolean());
            default -> throw Checks.fail("json method is unknown: %s", method);
        };
    }

    private static void header(ObjectNode o, String method, ScoreInput input) {
        o.put("method", method);
        o.put("version", VERSION);
        o.put("input", input == ScoreInput.SCORE ? "score" : "probability");
    }

    private static void platt(ObjectNode o, PlattModel p) {
        o.put("slope", p.slope());
        o.put("intercept", p.intercept());
        o.put("targetSmoothing", p.targetSmoothing());
        o.put("iterations", p.iterations());
        o.put("converged", p.converged());
    }

    private static PlattModel platt(JsonNode o, ScoreInput input) {
        return new PlattModel(number(o, "slope"), number(o, "intercept"), input,
                required(o, "targetSmoothing").asBoolean(), required(o, "iterations").asInt(),
                required(o, "converged").asBoolean());
    }

    private static void array(ArrayNode a, double[] values) {
        for (double v : values) {
            if (v == Double.POSITIVE_INFINITY) {
                a.add("Infinity");
            } else {
                a.add(v);
            }
        }
    }

    private static ScoreInput input(String s) {
        return switch (s) {
            case "score" -> ScoreInput.SCORE;
            case "probability" -> ScoreInput.PROBABILITY;
            default -> throw Checks.fail("json input must be score or probability: %s", s);
        };
    }

    private static JsonNode required(JsonNode o, String key) {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) {
            throw Checks.fail("json has no \"%s\"", key);
        }
        return v;
    }

    private static double number(JsonNode o, String key) {
        JsonNode v = required(o, key);
        if (!v.isNumber()) {
            throw Checks.fail("json \"%s\" is not a number: %s", key, v);
        }
        return v.doubleValue();
    }

    private static double[][] matrix(JsonNode o, String key) {
        JsonNode a = required(o, key);
        if (!a.isArray()) {
            throw Checks.fail("json \"%s\" is not an array of rows", key);
        }
        double[][] out = new double[a.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = doubles(a.get(i), key + "[" + i + "]");
        }
        return out;
    }

    private static double[] doubles(JsonNode o, String key) {
        JsonNode a = o.isArray() ? o : required(o, key);
        if (!a.isArray()) {
            throw Checks.fail("json \"%s\" is not an array", key);
        }
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = a.get(i);
            if (v.isTextual() && v.asText().equals("Infinity")) {
                out[i] = Double.POSITIVE_INFINITY;
            } else if (v.isNumber()) {
                out[i] = v.doubleValue();
            } else {
                throw Checks.fail("json \"%s\"[%d] is not a number: %s", key, i, v);
            }
        }
        return out;
    }
}
