package dev.entropic.cli;

import dev.entropic.calibration.ReliabilityCurve;
import dev.entropic.core.Checks;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Top-label reliability diagram as a PNG (XChart): accuracy against mean confidence in B
 * equal-width confidence bins {@code (j−1)/B < c ≤ j/B} (the first bin also takes c = 0), one curve
 * per series (e.g. before and after calibration), the diagonal of perfect calibration, and below
 * it the number of predictions per bin. Confidence is {@code max_j p_j} and correctness
 * {@code argmax_j p_j = y} (ties to the lowest index; one column P(y=1): confidence
 * {@code max(p, 1−p)}, predicted class 1 iff {@code p > 1/2}), as in {@code calibration-error
 * --scope top-label}.
 */
final class ReliabilityDiagram {
    /** One curve: a name and its probabilities with the labels. */
    record Series(String name, double[][] probs, int[] labels) {
    }

    /** Per-bin statistics of one series. */
    record Bins(int[] count, double[] meanConfidence, double[] accuracy) {
    }

    private ReliabilityDiagram() {
    }

    /**
     * The per-bin counts, mean confidences and accuracies (NaN for empty bins): the binary
     * reliability curve ({@link ReliabilityCurve}) of (top-label confidence, correctness).
     */
    static Bins bins(double[][] probs, int[] labels, int b) {
        double[] confidence = new double[probs.length];
        int[] correct = new int[probs.length];
        for (int i = 0; i < probs.length; i++) {
            double[] p = probs[i];
            int predicted;
            if (p.length == 1) {
                predicted = p[0] > 0.5 ? 1 : 0;
                confidence[i] = Math.max(p[0], 1 - p[0]);
            } else {
                predicted = 0;
                for (int j = 1; j < p.length; j++) {
                    if (p[j] > p[predicted]) {
                        predicted = j;
                    }
                }
                confidence[i] = p[predicted];
            }
            correct[i] = predicted == labels[i] ? 1 : 0;
        }
        ReliabilityCurve curve = ReliabilityCurve.of(confidence, correct, b);
        int[] count = new int[b];
        double[] conf = new double[b];
        double[] acc = new double[b];
        java.util.Arrays.fill(conf, Double.NaN);
        java.util.Arrays.fill(acc, Double.NaN);
        for (int t = 0; t < curve.bins().length; t++) {
            int j = curve.bins()[t];
            count[j] = curve.counts()[t];
            conf[j] = curve.meanPredicted()[t];
            acc[j] = curve.fractionPositive()[t];
        }
        return new Bins(count, conf, acc);
    }

    /** Renders the diagram of the series to PNG bytes. */
    static byte[] png(String title, List<Series> series, int b) {
        Checks.requirePositive("bins", b);
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(760).height(560).title(title)
                .xAxisTitle("confidence (mean per bin)").yAxisTitle("accuracy").build();
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(1.0);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        XYSeries diagonal = chart.addSeries("perfect calibration", new double[] {0, 1}, new double[] {0, 1});
        diagonal.setMarker(SeriesMarkers.NONE);
        diagonal.setLineColor(Color.GRAY);
        CategoryChart counts = new CategoryChartBuilder().width(760).height(240).title("predictions per confidence bin")
                .xAxisTitle("confidence bin upper edge").yAxisTitle("count").build();
        counts.getStyler().setChartBackgroundColor(Color.WHITE);
        counts.getStyler().setLegendVisible(true);
        counts.getStyler().setXAxisLabelRotation(45);
        List<String> edges = new ArrayList<>();
        for (int j = 1; j <= b; j++) {
            edges.add(String.format(java.util.Locale.ROOT, "%.2f", j / (double) b));
        }
        Color[] palette = {new Color(230, 97, 1), new Color(33, 102, 172), new Color(27, 158, 119), new Color(117, 112, 179)};
        int index = 0;
        for (Series s : series) {
            Color color = palette[index++ % palette.length];
            Bins bins = bins(s.probs(), s.labels(), b);
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            List<Integer> n = new ArrayList<>();
            for (int j = 0; j < b; j++) {
                if (bins.count()[j] > 0) {
                    x.add(bins.meanConfidence()[j]);
                    y.add(bins.accuracy()[j]);
                }
                n.add(bins.count()[j]);
            }
            XYSeries curve = chart.addSeries(s.name(), x, y);
            curve.setMarker(SeriesMarkers.CIRCLE);
            curve.setLineColor(color);
            curve.setMarkerColor(color);
            counts.addSeries(s.name(), edges, n).setFillColor(color);
        }
        BufferedImage top = BitmapEncoder.getBufferedImage(chart);
        BufferedImage bottom = BitmapEncoder.getBufferedImage(counts);
        BufferedImage all = new BufferedImage(Math.max(top.getWidth(), bottom.getWidth()),
                top.getHeight() + bottom.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, all.getWidth(), all.getHeight());
        g.drawImage(top, 0, 0, null);
        g.drawImage(bottom, 0, top.getHeight(), null);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(all, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
