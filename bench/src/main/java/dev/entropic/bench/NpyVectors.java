package dev.entropic.bench;

import dev.entropic.core.Checks;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a vector from a NumPy {@code .npy} file (format versions 1–3), the exchange format of the
 * peer scripts: little-endian float64, float32, int64 or int32, C order, shape {@code (n,)},
 * {@code (1, n)} or {@code (n, 1)}. Anything else is rejected with a message naming the file and
 * the rule.
 */
public final class NpyVectors {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyVectors() {
    }

    /** The vector stored in {@code file}, as doubles. */
    public static double[] read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /** The vector stored in the bytes of a {@code .npy} file called {@code name} (for messages). */
    static double[] parse(byte[] bytes, String name) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10) {
            throw Checks.fail("%s is not a .npy file: %d bytes", name, bytes.length);
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw Checks.fail("%s is not a .npy file: bad magic string", name);
            }
        }
        int major = bytes[6] & 0xff;
        int headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = buf.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            headerLength = buf.getInt(8);
            headerStart = 12;
        } else {
            throw Checks.fail("%s has unsupported .npy format version %d", name, major);
        }
        if (headerLength < 0 || headerStart + headerLength > bytes.length) {
            throw Checks.fail("%s has a truncated .npy header", name);
        }
        String header = new String(bytes, headerStart, headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, name, "descr");
        if ("True".equals(group(FORTRAN, header, name, "fortran_order"))) {
            throw Checks.fail("%s is in Fortran order; only C order is supported", name);
        }
        String shape = group(SHAPE, header, name, "shape");
        long count = 1;
        int dims = 0;
        int nonUnit = 0;
        for (String d : shape.split(",")) {
            if (!d.isBlank()) {
                long extent = Long.parseLong(d.trim());
                count *= extent;
                dims++;
                if (extent != 1) {
                    nonUnit++;
                }
            }
        }
        if (dims == 0 || dims > 2 || nonUnit > 1) {
            throw Checks.fail("%s must hold a vector (shape (n,), (1, n) or (n, 1)): shape (%s)",
                    name, shape);
        }
        int width = elementWidth(descr, name);
        int dataStart = headerStart + headerLength;
        if (count > Integer.MAX_VALUE || dataStart + count * width != bytes.length) {
            throw Checks.fail("%s has %d data bytes, shape and dtype %s need %d", name,
                    bytes.length - dataStart, descr, count * width);
        }
        double[] out = new double[(int) count];
        for (int i = 0; i < out.length; i++) {
            int at = dataStart + i * width;
            switch (descr) {
                case "<f8":
                    out[i] = buf.getDouble(at);
                    break;
                case "<f4":
                    out[i] = buf.getFloat(at);
                    break;
                case "<i8":
                    out[i] = buf.getLong(at);
                    break;
                default:
                    out[i] = buf.getInt(at);
                    break;
            }
        }
        return out;
    }

    private static int elementWidth(String descr, String name) {
        switch (descr) {
            case "<f8":
            case "<i8":
                return 8;
            case "<f4":
            case "<i4":
                return 4;
            default:
                throw Checks.fail("%s has dtype %s; supported: <f8, <f4, <i8, <i4", name, descr);
        }
    }

    private static String group(Pattern pattern, String header, String name, String key) {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw Checks.fail("%s has no '%s' in its .npy header", name, key);
        }
        return m.group(1);
    }
}
