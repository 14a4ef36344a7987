package dev.entropic.cli;

import dev.entropic.core.Checks;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads numbers from the files the CLI takes: CSV (comma or whitespace separated, one row per
 * vector or sample, no header) and NumPy {@code .npy} (float64, float32, int64, int32; C or Fortran
 * order; little or big endian). Every problem is an {@link IllegalArgumentException} naming the file
 * and, for text, the line and column.
 */
public final class Inputs {
    private static final Pattern SEPARATOR = Pattern.compile("[,\\s]+");

    private Inputs() {
    }

    /** A matrix, one row per line (CSV) or per leading index (.npy); a 1-D .npy is one row. */
    public static double[][] readMatrix(String file) {
        Path path = Path.of(file);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw Checks.fail("file '%s' does not exist", file);
        } catch (IOException e) {
            throw Checks.fail("file '%s' cannot be read: %s", file, e.getMessage());
        }
        if (file.toLowerCase(java.util.Locale.ROOT).endsWith(".npy")) {
            return readNpy(file, bytes);
        }
        return readCsv(file, new String(bytes, StandardCharsets.UTF_8));
    }

    /** A vector: a file with a single row or a single column. */
    public static double[] readVector(String file) {
        double[][] m = readMatrix(file);
        if (m.length == 1) {
            return m[0];
        }
        if (m[0].length == 1) {
            double[] v = new double[m.length];
            for (int i = 0; i < m.length; i++) {
                v[i] = m[i][0];
            }
            return v;
        }
        throw Checks.fail("file '%s' must hold one vector (a single row or column): it has %d rows and %d columns",
                file, m.length, m[0].length);
    }

    /** Integer labels 0..k−1 (a vector of whole numbers). */
    public static int[] readLabels(String file) {
        double[] v = readVector(file);
        int[] labels = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            double x = v[i];
            if (!(x >= 0 && x == Math.rint(x) && x <= Integer.MAX_VALUE)) {
                throw Checks.fail("file '%s': label %d is not a non-negative integer: %s", file, i, x);
            }
            labels[i] = (int) x;
        }
        return labels;
    }

    static double[][] readCsv(String file, String text) {
        List<double[]> rows = new ArrayList<>();
        String[] lines = text.split("\r?\n|\r");
        int width = -1;
        for (int ln = 0; ln < lines.length; ln++) {
            String line = lines[ln].trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = SEPARATOR.split(line);
            double[] row = new double[cells.length];
            for (int c = 0; c < cells.length; c++) {
                row[c] = parseNumber(file, ln + 1, c + 1, cells[c]);
            }
            if (width < 0) {
                width = row.length;
            } else if (row.length != width) {
                throw Checks.fail("file '%s' line %d has %d values, earlier lines have %d", file, ln + 1, row.length, width);
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw Checks.fail("file '%s' is empty", file);
        }
        return rows.toArray(new double[0][]);
    }

    private static double parseNumber(String file, int line, int column, String cell) {
        try {
            String s = cell;
            if (s.length() > 1 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') {
                s = s.substring(1, s.length() - 1);
            }
            switch (s.toLowerCase(java.util.Locale.ROOT)) {
                case "nan":
                    return Double.NaN;
                case "inf":
                case "+inf":
                case "infinity":
                case "+infinity":
                    return Double.POSITIVE_INFINITY;
                case "-inf":
                case "-infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
            if (s.endsWith("d") || s.endsWith("D") || s.endsWith("f") || s.endsWith("F")) {
                throw new NumberFormatException();
            }
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw Checks.fail("file '%s' line %d column %d is not a number: '%s'", file, line, column, cell);
        }
    }

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    static double[][] readNpy(String file, byte[] b) {
        if (b.length < 10 || (b[0] & 0xff) != 0x93 || b[1] != 'N' || b[2] != 'U' || b[3] != 'M' || b[4] != 'P' || b[5] != 'Y') {
            throw Checks.fail("file '%s' is not a NumPy .npy file (bad magic)", file);
        }
        int major = b[6];
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen;
        int offset;
        if (major == 1) {
            headerLen = bb.getShort(8) & 0xffff;
            offset = 10;
        } else if (major == 2 || major == 3) {
            headerLen = bb.getInt(8);
            offset = 12;
        } else {
            throw Checks.fail("file '%s' has unsupported .npy version %d", file, major);
        }
        if (headerLen < 0 || offset + headerLen > b.length) {
            throw Checks.fail("file '%s' has a truncated .npy header", file);
        }
        String header = new String(b, offset, headerLen, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw Checks.fail("file '%s' has an unreadable .npy header: %s", file, header.trim());
        }
        String descr = d.group(1);
        boolean fortran = f.group(1).equals("True");
        List<Integer> shape = new ArrayList<>();
        for (String part : s.group(1).split(",")) {
            if (!part.isBlank()) {
                shape.add(Integer.parseInt(part.trim()));
            }
        }
        int rows;
        int cols;
        if (shape.isEmpty()) {
            rows = 1;
            cols = 1;
        } else if (shape.size() == 1) {
            rows = 1;
            cols = shape.get(0);
        } else if (shape.size() == 2) {
            rows = shape.get(0);
            cols = shape.get(1);
        } else {
            throw Checks.fail("file '%s' holds a %d-dimensional array; 1-D or 2-D expected", file, shape.size());
        }
        if (rows == 0 || cols == 0) {
            throw Checks.fail("file '%s' is empty", file);
        }
        char order = descr.charAt(0);
        String type = descr.substring(1);
        bb.order(order == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int size;
        switch (type) {
            case "f8":
            case "i8":
                size = 8;
                break;
            case "f4":
            case "i4":
                size = 4;
                break;
            default:
                throw Checks.fail("file '%s' has unsupported dtype '%s' (float64, float32, int64, int32 are read)", file, descr);
        }
        int data = offset + headerLen;
        long need = (long) rows * cols * size;
        if (data + need > b.length) {
            throw Checks.fail("file '%s' is truncated: %d data bytes expected, %d present", file, need, b.length - data);
        }
        double[][] out = new double[rows][cols];
        for (int k = 0; k < rows * cols; k++) {
            int pos = data + k * size;
            double v;
            switch (type) {
                case "f8":
                    v = bb.getDouble(pos);
                    break;
                case "f4":
                    v = bb.getFloat(pos);
                    break;
                case "i8":
                    v = bb.getLong(pos);
                    break;
                default:
                    v = bb.getInt(pos);
                    break;
            }
            if (fortran) {
                out[k % rows][k / rows] = v;
            } else {
                out[k / cols][k % cols] = v;
            }
        }
        return out;
    }
}
