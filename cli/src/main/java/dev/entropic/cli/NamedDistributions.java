package dev.entropic.cli;

import dev.entropic.core.Beta;
import dev.entropic.core.Checks;
import dev.entropic.core.Exponential;
import dev.entropic.core.Gamma;
import dev.entropic.core.Laplace;
import dev.entropic.core.LogNormal;
import dev.entropic.core.Normal;
import dev.entropic.core.StudentT;
import dev.entropic.core.Uniform;
import dev.entropic.core.UnivariateDistribution;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses named distributions written on the command line: {@code normal(mean,sd)},
 * {@code laplace(location,scale)}, {@code exponential(rate)}, {@code gamma(shape,scale)},
 * {@code beta(a,b)}, {@code uniform(lower,upper)}, {@code student-t(df)},
 * {@code lognormal(mu,sigma)}.
 */
public final class NamedDistributions {
    private static final Pattern NAMED = Pattern.compile("^\\s*([a-zA-Z][a-zA-Z-]*)\\s*\\(([^()]*)\\)\\s*$");

    /** The accepted forms, for messages and help. */
    public static final String FORMS = "normal(mean,sd), laplace(location,scale), exponential(rate), "
            + "gamma(shape,scale), beta(a,b), uniform(lower,upper), student-t(df), lognormal(mu,sigma)";

    private NamedDistributions() {
    }

    /** Whether {@code text} has the shape {@code name(args)}. */
    public static boolean looksNamed(String text) {
        return NAMED.matcher(text).matches();
    }

    /** Parses {@code text}; an unknown name, a wrong number of parameters or a bad value is rejected. */
    public static UnivariateDistribution parse(String text) {
        Matcher m = NAMED.matcher(text);
        if (!m.matches()) {
            throw Checks.fail("'%s' is not a named distribution; expected one of %s", text, FORMS);
        }
        String name = m.group(1).toLowerCase(Locale.ROOT);
        String[] parts = m.group(2).trim().isEmpty() ? new String[0] : m.group(2).split(",");
        double[] a = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                a[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw Checks.fail("'%s': parameter %d is not a number: '%s'", text, i + 1, parts[i].trim());
            }
        }
        switch (name) {
            case "normal":
                need(text, a, 2);
                return Normal.of(a[0], a[1]);
            case "laplace":
                need(text, a, 2);
                return Laplace.of(a[0], a[1]);
            case "exponential":
                need(text, a, 1);
                return Exponential.of(a[0]);
            case "gamma":
                need(text, a, 2);
                return Gamma.of(a[0], a[1]);
            case "beta":
                need(text, a, 2);
                return Beta.of(a[0], a[1]);
            case "uniform":
                need(text, a, 2);
                return Uniform.of(a[0], a[1]);
            case "student-t":
            case "t":
                need(text, a, 1);
                return StudentT.of(a[0]);
            case "lognormal":
                need(text, a, 2);
                return LogNormal.of(a[0], a[1]);
            default:
                throw Checks.fail("'%s': unknown distribution '%s'; known: %s", text, name, FORMS);
        }
    }

    private static void need(String text, double[] a, int n) {
        if (a.length != n) {
            throw Checks.fail("'%s' takes %d parameter%s, got %d", text, n, n == 1 ? "" : "s", a.length);
        }
    }
}
