package dev.pnn.cli;

import dev.pnn.runtime.eval.RobustnessSweep;
import dev.pnn.spi.PnnException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Mean test accuracy ± std over instances against σ, one line per method, plus each method's minimum (dashed). */
final class SweepPlot {
    private SweepPlot() {
    }

    static void write(RobustnessSweep.Result r, Path png) {
        XYChart chart = new XYChartBuilder().width(900).height(560).title("Accuracy on sampled chips vs phase error")
                .xAxisTitle("phase error σ (rad)").yAxisTitle("test accuracy (%)").build();
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(100.0).setLegendVisible(true);
        java.awt.Color[] palette = {new java.awt.Color(0x1f77b4), new java.awt.Color(0xd62728),
                new java.awt.Color(0x2ca02c), new java.awt.Color(0x9467bd), new java.awt.Color(0xff7f0e),
                new java.awt.Color(0x8c564b)};
        int k = 0;
        for (RobustnessSweep.Method m : r.methods()) {
            java.awt.Color color = palette[k++ % palette.length];
            int n = m.points().size();
            double[] x = new double[n], mean = new double[n], std = new double[n], min = new double[n];
            for (int i = 0; i < n; i++) {
                RobustnessSweep.Point p = m.points().get(i);
                x[i] = p.sigma();
                mean[i] = 100 * p.accuracy().mean();
                std[i] = 100 * p.accuracy().std();
                min[i] = 100 * p.accuracy().min();
            }
            String label = String.format(java.util.Locale.ROOT, "%s (λmax %.3g)", m.plan(), m.sharpness().lambdaMax());
            XYSeries s = chart.addSeries(label + " mean ± std", x, mean, std);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineColor(color);
            s.setMarkerColor(color);
            XYSeries lo = chart.addSeries(m.plan() + " min", x, min);
            lo.setMarker(SeriesMarkers.NONE);
            lo.setLineStyle(new java.awt.BasicStroke(1.2f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                    10f, new float[]{6f, 4f}, 0f));
            lo.setLineColor(color);
        }
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new PnnException("cannot write the plot " + png + ": " + e.getMessage(), "check that the folder is writable");
        }
    }
}
