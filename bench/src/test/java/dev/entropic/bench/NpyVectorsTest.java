package dev.entropic.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Reads the fixtures that numpy's {@code np.save} wrote (see {@code npy/make_npy.py}). */
class NpyVectorsTest {
    private static double[] fixture(String name) throws IOException {
        return NpyVectors.parse(bytes(name), name);
    }

    private static byte[] bytes(String name) throws IOException {
        try (InputStream in = NpyVectorsTest.class.getResourceAsStream("/npy/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsEveryDtypeAndVectorShape() throws IOException {
        assertArrayEquals(new double[] {0.25, 0.5, 0.125, 0.125}, fixture("f8_vector.npy"));
        assertArrayEquals(new double[] {1.5, -2.0, 3.25}, fixture("f4_row.npy"));
        assertArrayEquals(new double[] {7, -3}, fixture("i8_column.npy"));
        assertArrayEquals(new double[] {1, 2, 3}, fixture("i4_vector.npy"));
    }

    @Test
    void rejectsMatricesFortranOrderAndBigEndian() throws IOException {
        assertMessage("f8_matrix.npy", "must hold a vector");
        assertMessage("f8_fortran.npy", "Fortran order");
        assertMessage("f8_big_endian.npy", "dtype >f8");
    }

    @Test
    void rejectsTruncatedAndForeignFiles() throws IOException {
        byte[] full = bytes("f8_vector.npy");
        byte[] truncated = java.util.Arrays.copyOf(full, full.length - 8);
        String m = assertThrows(IllegalArgumentException.class,
                () -> NpyVectors.parse(truncated, "t.npy")).getMessage();
        assertTrue(m.contains("t.npy has 24 data bytes"), m);
        byte[] csv = "0.5,0.5\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        m = assertThrows(IllegalArgumentException.class, () -> NpyVectors.parse(csv, "p.csv")).getMessage();
        assertTrue(m.contains("p.csv is not a .npy file"), m);
    }

    private static void assertMessage(String name, String expected) throws IOException {
        byte[] b = bytes(name);
        String m = assertThrows(IllegalArgumentException.class, () -> NpyVectors.parse(b, name)).getMessage();
        assertTrue(m.contains(name) && m.contains(expected), m);
    }
}
