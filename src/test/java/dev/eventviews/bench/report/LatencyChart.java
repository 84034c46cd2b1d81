package dev.eventviews.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Latency by percentile as an SVG, one panel per latency figure: the application's curve next to its baseline's
 * (or its baseline as a dashed line, when the baseline is a single number such as the commit interval). The x axis
 * stretches the tail (90%, 99%, 99.9%, ...), where the differences that users feel are.
 */
final class LatencyChart {

    private static final int PANEL_WIDTH = 440;
    private static final int PANEL_HEIGHT = 300;
    private static final int LEFT = 60;
    private static final int RIGHT = 15;
    private static final int TOP = 50;
    private static final int BOTTOM = 40;
    /** The x axis ends at 99.99%: 10^4 = 1 / (1 - 0.9999). */
    private static final double MAX_NINES = 4;
    private static final String[] COLOURS = { "#1f77b4", "#ff7f0e" };

    private LatencyChart() {
    }

    static String render(List<Figure> figures) {
        List<Figure> panels = figures.stream().filter(figure -> figure.measured().latency() != null).toList();
        int width = Math.max(1, panels.size()) * PANEL_WIDTH;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" "
                        + "font-size=\"11\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
                width, PANEL_HEIGHT));
        for (int i = 0; i < panels.size(); i++) {
            panel(svg, panels.get(i), i * PANEL_WIDTH);
        }
        return svg.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder svg, Figure figure, int x0) {
        List<Result> curves = new ArrayList<>();
        List<Result> lines = new ArrayList<>();
        for (Result result : List.of(figure.measured(), figure.baseline())) {
            (result.latency() != null ? curves : lines).add(result);
        }
        double yMax = niceCeiling(Math.max(
                curves.stream().flatMap(result -> result.latency().distribution().stream())
                        .filter(point -> nines(point.percentile()) <= MAX_NINES)
                        .mapToDouble(LatencySummary.Point::ms).max().orElse(1),
                lines.stream().mapToDouble(Result::value).max().orElse(0) * 1.1));
        int plotWidth = PANEL_WIDTH - LEFT - RIGHT;
        int plotHeight = PANEL_HEIGHT - TOP - BOTTOM;
        int left = x0 + LEFT;
        int bottom = TOP + plotHeight;

        svg.append(text(x0 + PANEL_WIDTH / 2, 16, "middle", "bold", figure.number() + ". " + figure.name()));
        svg.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>\n", left, TOP,
                plotWidth, plotHeight));
        String[] percentiles = { "0%", "90%", "99%", "99.9%", "99.99%" };
        for (int nines = 0; nines <= MAX_NINES; nines++) {
            double x = left + plotWidth * nines / MAX_NINES;
            svg.append(gridLine(x, TOP, x, bottom))
                    .append(text(x, bottom + 14, "middle", "normal", percentiles[nines]));
        }
        for (int tick = 0; tick <= 4; tick++) {
            double value = yMax * tick / 4;
            double y = bottom - plotHeight * tick / 4.0;
            svg.append(gridLine(left, y, left + plotWidth, y))
                    .append(text(left - 4, y + 4, "end", "normal", tickLabel(value, yMax)));
        }
        svg.append(text(x0 + 14, TOP + plotHeight / 2.0, "middle", "normal", "ms", -90))
                .append(text(left + plotWidth / 2.0, PANEL_HEIGHT - 6, "middle", "normal", "percentile"));

        int legend = 0;
        for (Result curve : curves) {
            String colour = COLOURS[legend % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (LatencySummary.Point point : curve.latency().distribution()) {
                double nines = nines(point.percentile());
                if (nines <= MAX_NINES) {
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", left + plotWidth * nines / MAX_NINES,
                            bottom - plotHeight * Math.min(1, point.ms() / yMax)));
                }
            }
            svg.append(String.format(Locale.ROOT,
                    "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>\n", colour, points));
            svg.append(legendEntry(x0, legend++, colour, false, curve.label()));
        }
        for (Result line : lines) {
            String colour = COLOURS[legend % COLOURS.length];
            double y = bottom - plotHeight * Math.min(1, line.value() / yMax);
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\" "
                            + "stroke-dasharray=\"6 4\"/>\n", left, y, left + plotWidth, y, colour));
            svg.append(legendEntry(x0, legend++, colour, true, line.label()));
        }
    }

    private static String tickLabel(double value, double max) {
        return String.format(Locale.ROOT, max >= 10 ? "%.0f" : max >= 1 ? "%.1f" : "%.2f", value);
    }

    /** How many nines a percentile has: 90% is 1, 99% is 2, 99.9% is 3. */
    private static double nines(double percentile) {
        return percentile >= 100 ? Double.MAX_VALUE : Math.log10(100 / (100 - percentile));
    }

    private static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(value, 1e-3))));
        for (double step : new double[] { 1, 2, 2.5, 5, 10 }) {
            if (value <= step * magnitude) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String legendEntry(int x0, int index, String colour, boolean dashed, String label) {
        int y = 28 + index * 13;
        return String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>\n",
                x0 + LEFT + 6, y - 4, x0 + LEFT + 26, y - 4, colour, dashed ? " stroke-dasharray=\"6 4\"" : "")
                + text(x0 + LEFT + 30, y, "start", "normal", label);
    }

    private static String gridLine(double x1, double y1, double x2, double y2) {
        return String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>\n", x1, y1, x2, y2);
    }

    private static String text(double x, double y, String anchor, String weight, String content) {
        return text(x, y, anchor, weight, content, 0);
    }

    private static String text(double x, double y, String anchor, String weight, String content, int rotate) {
        String escaped = content.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        String transform = rotate == 0 ? ""
                : String.format(Locale.ROOT, " transform=\"rotate(%d %.1f %.1f)\"", rotate, x, y);
        return String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-weight=\"%s\"%s>%s</text>\n", x, y, anchor,
                weight, transform, escaped);
    }
}
