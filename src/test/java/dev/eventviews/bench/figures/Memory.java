package dev.eventviews.bench.figures;

import dev.eventviews.bench.BenchContext;
import dev.eventviews.bench.report.Figure;
import dev.eventviews.bench.report.Result;

/**
 * Figure 6: the application's resident memory with the full data set in its views, once it has caught up, against
 * the same process's memory right after it started with empty views.
 */
public final class Memory {

    private static final double TARGET_MB = 400;

    private Memory() {
    }

    /** @param residentAtStartMb measured with {@link #residentMb} right after the application became ready */
    public static Figure run(BenchContext context, double residentAtStartMb) {
        long pid = context.app().pid();
        double resident = residentMb(context);
        Result measured = Result.of("RSS with " + context.scale().loadCustomers() + " customers and "
                + context.scale().loadOrders() + " orders", resident, "MB");
        Result baseline = Result.of("RSS at start, empty views", residentAtStartMb, "MB");
        return new Figure(6, "Memory",
                "after catching up; peak while loading " + Math.round(ProcessMemory.peakResidentMb(pid)) + " MB",
                measured, baseline, resident / residentAtStartMb, "RSS < " + (int) TARGET_MB + " MB",
                resident < TARGET_MB);
    }

    public static double residentMb(BenchContext context) {
        return ProcessMemory.residentMb(context.app().pid());
    }
}
