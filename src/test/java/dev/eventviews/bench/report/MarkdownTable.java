package dev.eventviews.bench.report;

import java.util.Locale;

/** The report as Markdown: how the run went, then one table row per figure. */
final class MarkdownTable {

    private MarkdownTable() {
    }

    static String render(Report report) {
        RunInfo run = report.run();
        StringBuilder md = new StringBuilder()
                .append("# event-views benchmark\n\n")
                .append("- Date: ").append(run.date()).append('\n')
                .append("- Command: `").append(run.command()).append("` (scale: ").append(run.scale()).append(")\n")
                .append("- Machine: ").append(run.machine()).append("; ").append(run.java()).append('\n')
                .append("- Application JVM: `").append(run.appJvmOptions()).append("`\n")
                .append("- Load average (1, 5, 15 min): ").append(run.loadBefore()).append(" before, ")
                .append(run.loadAfter()).append(" after\n\n")
                .append("| # | Figure | event-views | Baseline (same run) | Ratio | Target | Met |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (Figure figure : report.figures()) {
            md.append("| ").append(figure.number())
                    .append(" | ").append(figure.name()).append(" (").append(figure.conditions()).append(")")
                    .append(" | ").append(cell(figure.measured()))
                    .append(" | ").append(cell(figure.baseline()))
                    .append(" | ").append(ratio(figure.ratio()))
                    .append(" | ").append(figure.target())
                    .append(" | ").append(figure.met() ? "yes" : "**no**")
                    .append(" |\n");
        }
        md.append("\nLatencies are measured from each operation's intended start at a constant rate (no coordinated ")
                .append("omission); the chart is `").append(Report.CHART).append("`, the raw data `")
                .append(Report.JSON).append("`.\n");
        return md.toString();
    }

    private static String cell(Result result) {
        StringBuilder cell = new StringBuilder(result.label()).append(": ").append(number(result.value()))
                .append(' ').append(result.unit());
        LatencySummary latency = result.latency();
        if (latency != null) {
            cell.append(String.format(Locale.ROOT, "; p50 %s ms, p99 %s ms at %s/s", number(latency.p50Ms()),
                    number(latency.p99Ms()), number(latency.ratePerSecond())));
        }
        if (result.errors() > 0) {
            cell.append("; **").append(result.errors()).append(" errors**");
        }
        return cell.toString();
    }

    /** Two decimals, or two significant digits below 0.1, so that a rebuild's 0.003 does not read 0.00. */
    static String ratio(double value) {
        return String.format(Locale.ROOT, Math.abs(value) >= 0.1 || value == 0 ? "%.2f" : "%.2g", value);
    }

    /** Thousands separated, and enough decimals to read a small number. */
    static String number(double value) {
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 10 ? "%.1f" : "%.2f", value);
    }
}
