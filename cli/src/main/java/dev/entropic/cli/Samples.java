package dev.entropic.cli;

/** Sample files for the sample-based commands: rows are points; a file with a single row is a 1-D sample. */
final class Samples {
    private Samples() {
    }

    static double[][] read(String file) {
        double[][] x = Inputs.readMatrix(file);
        if (x.length == 1 && x[0].length > 1) {
            double[][] t = new double[x[0].length][1];
            for (int i = 0; i < t.length; i++) {
                t[i][0] = x[0][i];
            }
            return t;
        }
        return x;
    }
}
