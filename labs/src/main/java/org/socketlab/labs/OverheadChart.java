package org.socketlab.labs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import org.socketlab.websocket.realtime.client.ExperimentConfig;
import org.socketlab.websocket.realtime.client.TechniqueResult;
import java.awt.Color;

/**
 * Lab 07's charts (XChart PNGs): bytes per event — overhead against payload — and, next to it
 * ({@code …-latency.png}), p50/p99 delivery latency per technique.
 */
final class OverheadChart {

    private OverheadChart() {
    }

    /** Writes {@code png} and its latency companion; returns the paths written. */
    static List<Path> write(List<TechniqueResult> results, ExperimentConfig config, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        String setting = " (" + config.clients() + " clients, an event every " + config.tickInterval().toMillis() + " ms)";
        CategoryChart bytes = chart("Bytes on the wire per event" + setting, "bytes per event");
        add(bytes, results, "overhead (headers, framing; up + down)", TechniqueResult::overheadPerEvent);
        add(bytes, results, "payload (the tick's JSON)",
                r -> r.events() == 0 ? 0 : (double) r.payloadBytes() / r.events());
        CategoryChart latency = chart("Delivery latency" + setting, "milliseconds");
        add(latency, results, "p50", r -> r.latency().p50Micros() / 1000.0);
        add(latency, results, "p99", r -> r.latency().p99Micros() / 1000.0);
        Path latencyPng = Path.of(png.toString().replaceFirst("\\.png$", "") + "-latency.png");
        return List.of(save(bytes, png), save(latency, latencyPng));
    }

    private static CategoryChart chart(String title, String yAxis) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(500).title(title)
                .xAxisTitle("technique").yAxisTitle(yAxis).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setLabelsVisible(true);
        // Labels above each bar in dark text: a short bar (WebSocket's 0.3 ms beside polling's
        // 1,100 ms) has no room inside it, and white-on-white was unreadable.
        chart.getStyler().setLabelsPosition(1.0);
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setLabelsFontColor(Color.DARK_GRAY);
        chart.getStyler().setDecimalPattern("0.#");
        chart.getStyler().setYAxisDecimalPattern("0");       // plain numbers on the axis: 1100, not 1,100.0
        return chart;
    }

    private static void add(CategoryChart chart, List<TechniqueResult> results, String series,
                            ToDoubleFunction<TechniqueResult> value) {
        chart.addSeries(series, results.stream().map(r -> r.technique().label()).toList(),
                results.stream().map(r -> Math.round(value.applyAsDouble(r) * 10) / 10.0).toList());
    }

    private static Path save(CategoryChart chart, Path png) throws IOException {
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String withoutExtension = png.toString().replaceFirst("\\.png$", "");
        BitmapEncoder.saveBitmap(chart, withoutExtension, BitmapEncoder.BitmapFormat.PNG);
        return Path.of(withoutExtension + ".png");
    }
}
