package dev.eventviews.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Where and how the benchmark ran: the figures mean little without the machine and how busy it was. */
public record RunInfo(String date, String command, String scale, String machine, String java, String appJvmOptions,
        String loadBefore, String loadAfter) {

    public static RunInfo starting(String command, String scale, String appJvmOptions) {
        String date = OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        String java = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        return new RunInfo(date, command, scale, describeMachine(), java, appJvmOptions, loadAverage(), null);
    }

    public RunInfo finished() {
        return new RunInfo(date, command, scale, machine, java, appJvmOptions, loadBefore, loadAverage());
    }

    private static String describeMachine() {
        // "MemTotal:       24567890 kB"
        String[] memTotal = readFirst(Path.of("/proc/meminfo"), "MemTotal:").split("\\s+");
        long memoryGib = memTotal.length < 2 ? 0 : Math.round(Long.parseLong(memTotal[1]) / 1024.0 / 1024.0);
        String cpu = readFirst(Path.of("/proc/cpuinfo"), "model name").replaceFirst("model name\\s*:\\s*", "");
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memoryGib + " GiB, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    /** 1, 5 and 15 minute load averages, as uptime prints them. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String readFirst(Path file, String prefix) {
        try (var lines = Files.lines(file)) {
            return lines.filter(line -> line.startsWith(prefix)).findFirst().orElse("");
        } catch (IOException e) {
            return "";
        }
    }
}
