package org.socketlab.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.socketlab.bench.load.LoadResult;

/** PNG charts of a run (XChart, headless). */
public final class Charts {

    private Charts() {
    }

    /** ops/s per size for each implementation, log scale. */
    public static void codec(Tables tables, String benchmark, List<String> sizes, List<String> methods, String title,
                             Path png) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(1000).height(560).title(title)
                .xAxisTitle("payload").yAxisTitle("operations per second (log)").build();
        // Bars start at 0, which a log axis cannot show: draw lines with markers instead.
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Line);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        List<String> labels = sizes.stream().map(Tables::size).toList();
        for (String method : methods) {
            List<Double> values = new ArrayList<>();
            for (String size : sizes) {
                double v = tables.ops(benchmark, method, size);
                values.add(Double.isNaN(v) || v <= 0 ? 1.0 : v);
            }
            chart.addSeries(method, labels, values);
        }
        save(chart, png);
    }

    /** One bar per server for each (connections, size) case. */
    public static void load(List<LoadResult> results, String title, String axis, ToDoubleFunction<LoadResult> value,
                            Path png) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(1000).height(560).title(title)
                .xAxisTitle("connections, message size").yAxisTitle(axis).build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        List<String> servers = results.stream().map(r -> r.scenario().server()).distinct().toList();
        for (String server : servers) {
            List<String> labels = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (LoadResult r : results) {
                if (r.scenario().server().equals(server)) {
                    labels.add("C=" + r.scenario().connections() + ", " + r.scenario().messageBytes() + " B");
                    values.add(value.applyAsDouble(r));
                }
            }
            chart.addSeries(server, labels, values);
        }
        save(chart, png);
    }

    private static void save(CategoryChart chart, Path png) throws IOException {
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
