package dev.entropic.cli;

import dev.entropic.core.Checks;
import java.awt.Color;
import java.io.IOException;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG plots of a kernel density estimate (XChart): 1-D curve with a rug, 2-D heat image. */
final class KdePlot {
    /** Grid points of the 1-D curve and per side of the 2-D image. */
    static final int CURVE_POINTS = 512;
    static final int IMAGE_SIDE = 120;

    private KdePlot() {
    }

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** The curve over {@code [lo, hi]} with the data as a rug; {@code density} evaluates many points. */
    static byte[] curve(double[] data, double lo, double hi, Function<double[], double[]> density, String title) {
        double[] gx = new double[CURVE_POINTS];
        for (int i = 0; i < CURVE_POINTS; i++) {
            gx[i] = lo + (hi - lo) * i / (CURVE_POINTS - 1);
        }
        double[] gy = density.apply(gx);
        double top = 0;
        for (double v : gy) {
            top = Math.max(top, v);
        }
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("x").yAxisTitle("density").build();
        chart.getStyler().setLegendVisible(false);
        XYSeries c = chart.addSeries("density", gx, gy);
        c.setMarker(SeriesMarkers.NONE);
        c.setLineColor(new Color(31, 119, 180));
        int n = Math.min(data.length, 5000); // a rug of at most 5000 ticks
        double[] rx = new double[n];
        double[] ry = new double[n];
        for (int i = 0; i < n; i++) {
            rx[i] = data[(int) ((long) i * data.length / n)];
            ry[i] = -0.02 * top;
        }
        XYSeries rug = chart.addSeries("data", rx, ry);
        rug.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        rug.setMarker(SeriesMarkers.RECTANGLE);
        rug.setMarkerColor(new Color(0, 0, 0, 90));
        chart.getStyler().setMarkerSize(3);
        return png(chart);
    }

    /** A heat image of the density over the box {@code [lo0, hi0] × [lo1, hi1]}. */
    static byte[] heat(double lo0, double hi0, double lo1, double hi1, Function<double[][], double[]> density, String title) {
        int m = IMAGE_SIDE;
        double[] xs = new double[m];
        double[] ys = new double[m];
        for (int i = 0; i < m; i++) {
            xs[i] = lo0 + (hi0 - lo0) * i / (m - 1);
            ys[i] = lo1 + (hi1 - lo1) * i / (m - 1);
        }
        double[][] q = new double[m * m][];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                q[i * m + j] = new double[] {xs[i], ys[j]};
            }
        }
        double[] f = density.apply(q);
        java.util.List<Double> xl = new java.util.ArrayList<>();
        java.util.List<Double> yl = new java.util.ArrayList<>();
        for (int i = 0; i < m; i++) {
            xl.add(xs[i]);
            yl.add(ys[i]);
        }
        java.util.List<Number[]> z = new java.util.ArrayList<>(m * m);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                z.add(new Number[] {i, j, f[i * m + j]});
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(800).height(700).title(title)
            .xAxisTitle(String.format(java.util.Locale.ROOT, "x1 from %.4g to %.4g", lo0, hi0))
            .yAxisTitle(String.format(java.util.Locale.ROOT, "x2 from %.4g to %.4g", lo1, hi1)).build();
        chart.getStyler().setShowValue(false);
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setXAxisDecimalPattern("0.##");
        chart.getStyler().setYAxisDecimalPattern("0.##");
        chart.getStyler().setXAxisLabelRotation(90);
        chart.getStyler().setRangeColors(new Color[] {new Color(255, 255, 255), new Color(107, 174, 214), new Color(8, 48, 107)});
        chart.getStyler().setAxisTicksVisible(false);
        chart.getStyler().setAxisTicksLineVisible(false);
        chart.addSeries("density", xl, yl, z);
        return png(chart);
    }

    private static byte[] png(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw Checks.fail("cannot render the plot: %s", e.getMessage());
        }
    }
}
