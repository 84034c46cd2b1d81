package dev.eventviews.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** A benchmark run's outcome, written as {@code report.md}, {@code report.json} and {@code latency.svg}. */
public record Report(RunInfo run, List<Figure> figures) {

    public static final String MARKDOWN = "report.md";
    public static final String JSON = "report.json";
    public static final String CHART = "latency.svg";

    public void writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(MARKDOWN), MarkdownTable.render(this));
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(JSON).toFile(), this);
            Files.writeString(dir.resolve(CHART), LatencyChart.render(figures));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the benchmark report to " + dir, e);
        }
    }
}
