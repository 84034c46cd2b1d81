package dev.eventviews.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventviews.bench.report.Report;

/**
 * Runs the benchmark against the packaged application: at the small scale in every {@code ./mvnw verify}, to prove
 * it still runs end to end and writes its report; at full scale with {@code ./mvnw -Pbench verify}. It asserts
 * nothing about speed: on a shared machine that would only make the build flaky.
 */
class BenchmarkIT {

    @Test
    void shouldMeasureEveryFigureAndWriteTheReport() throws Exception {
        new Benchmark().run(Scale.fromSystemProperty());

        JsonNode report = new ObjectMapper().readTree(Benchmark.REPORT_DIR.resolve(Report.JSON).toFile());
        List<Integer> numbers = new ArrayList<>();
        report.get("figures").forEach(figure -> numbers.add(figure.get("number").asInt()));
        assertTrue(numbers.containsAll(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)), "figures: " + numbers);
        assertEquals(numbers.size(), Set.copyOf(numbers).size(), "each figure once: " + numbers);
        for (JsonNode figure : report.get("figures")) {
            String name = figure.get("name").asText();
            assertTrue(figure.get("measured").get("value").asDouble() > 0, name + " has a measured value");
            assertTrue(figure.get("baseline").get("value").asDouble() > 0, name + " has a baseline");
            assertTrue(Double.isFinite(figure.get("ratio").asDouble()), name + " has a ratio");
        }

        String table = Files.readString(Benchmark.REPORT_DIR.resolve(Report.MARKDOWN));
        numbers.forEach(number -> assertTrue(table.contains("\n| " + number + " | "),
                "the table has a row for figure " + number));

        Path chart = Benchmark.REPORT_DIR.resolve(Report.CHART);
        assertEquals("svg", DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(chart.toFile())
                .getDocumentElement().getNodeName());
    }
}
