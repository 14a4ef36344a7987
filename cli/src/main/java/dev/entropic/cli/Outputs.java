package dev.entropic.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.entropic.core.Checks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;

/**
 * Writes what the CLI produces: matrices as CSV without a header (shortest round-tripping decimal
 * of each double) or as NumPy {@code .npy} float64 (by the file's extension), and JSON objects in
 * which +∞ is the string "Infinity" (−∞ "-Infinity", NaN "NaN"). Files are written to a temporary
 * file and moved into place, so a failure never leaves a partial output file.
 */
public final class Outputs {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Double.class, new NonFiniteAsString()).addSerializer(Double.TYPE, new NonFiniteAsString()));

    private Outputs() {
    }

    /** One JSON object on one line. */
    public static String json(Map<String, ?> object) {
        try {
            return JSON.writeValueAsString(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a JSON document into a tree (for commands that read JSON, such as saved models). */
    public static ObjectMapper mapper() {
        return JSON;
    }

    /** Writes a matrix as CSV or .npy, chosen by the extension of {@code file}. */
    public static void writeMatrix(String file, double[][] m) {
        byte[] bytes = file.toLowerCase(Locale.ROOT).endsWith(".npy") ? npy(m) : csv(m).getBytes(StandardCharsets.UTF_8);
        writeAtomically(file, bytes);
    }

    /** Writes a vector as one column (CSV) or a 1-D array (.npy). */
    public static void writeColumn(String file, double[] v) {
        if (file.toLowerCase(Locale.ROOT).endsWith(".npy")) {
            writeAtomically(file, npy1d(v));
        } else {
            StringBuilder sb = new StringBuilder(v.length * 20);
            for (double x : v) {
                sb.append(x).append('\n');
            }
            writeAtomically(file, sb.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Writes bytes (e.g. a PNG image) to a file atomically. */
    public static void writeBytes(String file, byte[] bytes) {
        writeAtomically(file, bytes);
    }

    /** Writes text to a file atomically. */
    public static void writeText(String file, String text) {
        writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
    }

    static String csv(double[][] m) {
        StringBuilder sb = new StringBuilder();
        for (double[] row : m) {
            for (int j = 0; j < row.length; j++) {
                if (j > 0) {
                    sb.append(',');
                }
                sb.append(row[j]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static byte[] npy(double[][] m) {
        int rows = m.length;
        int cols = rows == 0 ? 0 : m[0].length;
        byte[] header = npyHeader("(" + rows + ", " + cols + ")");
        ByteBuffer bb = ByteBuffer.allocate(header.length + 8 * rows * cols).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(header);
        for (double[] row : m) {
            for (double x : row) {
                bb.putDouble(x);
            }
        }
        return bb.array();
    }

    static byte[] npy1d(double[] v) {
        byte[] header = npyHeader("(" + v.length + ",)");
        ByteBuffer bb = ByteBuffer.allocate(header.length + 8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(header);
        for (double x : v) {
            bb.putDouble(x);
        }
        return bb.array();
    }

    private static byte[] npyHeader(String shape) {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = 10 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String h = dict + " ".repeat(pad) + "\n";
        ByteBuffer bb = ByteBuffer.allocate(10 + h.length()).order(ByteOrder.LITTLE_ENDIAN);
        bb.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0);
        bb.putShort((short) h.length());
        bb.put(h.getBytes(StandardCharsets.ISO_8859_1));
        return bb.array();
    }

    static void writeAtomically(String file, byte[] bytes) {
        Path target = Path.of(file).toAbsolutePath();
        Path dir = target.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw Checks.fail("cannot write '%s': directory '%s' does not exist", file, dir);
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            Files.write(tmp, bytes);
            // temporary files are created owner-only; give the result the usual rw-r--r-- (POSIX only)
            if (Files.getFileStore(tmp).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw Checks.fail("cannot write '%s': %s", file, e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    private static final class NonFiniteAsString extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            double v = value;
            if (Double.isNaN(v)) {
                gen.writeString("NaN");
            } else if (v == Double.POSITIVE_INFINITY) {
                gen.writeString("Infinity");
            } else if (v == Double.NEGATIVE_INFINITY) {
                gen.writeString("-Infinity");
            } else {
                gen.writeNumber(v);
            }
        }
    }
}
