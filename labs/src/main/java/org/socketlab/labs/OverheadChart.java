package org.socketlab.labs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.socketlab.websocket.realtime.client.ExperimentConfig;
import org.socketlab.websocket.realtime.client.TechniqueResult;

/** Lab 07's chart: overhead bytes per event and p50 latency per technique, as a PNG (XChart). */
final class OverheadChart {

    private OverheadChart() {
    }

    static Path write(List<TechniqueResult> results, ExperimentConfig config, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<String> names = results.stream().map(result -> result.technique().label()).toList();
        CategoryChart chart = new CategoryChartBuilder().width(900).height(500)
                .title("One feed, five techniques (" + config.clients() + " clients, an event every "
                        + config.tickInterval().toMillis() + " ms)")
                .xAxisTitle("technique").yAxisTitle("bytes per event / milliseconds").build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        chart.getStyler().setLabelsVisible(true);
        chart.addSeries("overhead bytes per event (up + down)", names,
                results.stream().map(TechniqueResult::overheadPerEvent).toList());
        chart.addSeries("payload bytes per event", names,
                results.stream().map(r -> r.events() == 0 ? 0.0 : (double) r.payloadBytes() / r.events()).toList());
        chart.addSeries("p50 latency (ms)", names,
                results.stream().map(r -> r.latency().p50Micros() / 1000.0).toList());
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String withoutExtension = png.toString().replaceFirst("\\.png$", "");
        BitmapEncoder.saveBitmap(chart, withoutExtension, BitmapEncoder.BitmapFormat.PNG);
        return Path.of(withoutExtension + ".png");
    }
}
