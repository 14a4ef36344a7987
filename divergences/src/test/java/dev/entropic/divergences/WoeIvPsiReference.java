package dev.entropic.divergences;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Properties;

/** The reference values of {@code reference/woe_iv_psi.properties} (numpy/scipy/mpmath; see woe_iv_psi.py). */
final class WoeIvPsiReference {
    private final Properties p = new Properties();

    WoeIvPsiReference() {
        try (InputStream in = WoeIvPsiReference.class.getResourceAsStream("/reference/woe_iv_psi.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String[] cases(String family) {
        return string(family + ".cases").split(" ");
    }

    String string(String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalStateException("missing reference key " + key);
        }
        return v.trim();
    }

    double[] doubles(String key) {
        return Arrays.stream(string(key).split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    double number(String key) {
        return Double.parseDouble(string(key));
    }

    int integer(String key) {
        return Integer.parseInt(string(key));
    }
}
