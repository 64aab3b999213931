package org.socketlab.labs;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** One-series bar charts (XChart PNG) for lab 15's measurements. */
final class BarChart {

    private BarChart() {
    }

    /** Writes {@code png} with one bar per entry, in the map's order; returns the path written. */
    static Path write(Path png, String title, String yAxis, Map<String, Double> bars) throws IOException {
        System.setProperty("java.awt.headless", "true");
        CategoryChart chart = new CategoryChartBuilder().width(900).height(500).title(title)
                .xAxisTitle("").yAxisTitle(yAxis).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsPosition(1.0);
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setLabelsFontColor(Color.DARK_GRAY);
        chart.getStyler().setDecimalPattern("#,##0.##");
        chart.addSeries(yAxis, List.copyOf(bars.keySet()), List.copyOf(bars.values()));
        Path parent = png.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        String withoutExtension = png.toString().replaceFirst("\\.png$", "");
        BitmapEncoder.saveBitmap(chart, withoutExtension, BitmapEncoder.BitmapFormat.PNG);
        return Path.of(withoutExtension + ".png");
    }
}
