package dev.eventviews.bench.figures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's resident memory, from {@code /proc/<pid>/status} (Linux), in MB (10^6 bytes). */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    /** What the process holds in RAM now: heap, metaspace, thread stacks, RocksDB and other native memory. */
    public static double residentMb(long pid) {
        return statusKib(pid, "VmRSS:") * 1024 / 1e6;
    }

    /** The most it has held since it started. */
    static double peakResidentMb(long pid) {
        return statusKib(pid, "VmHWM:") * 1024 / 1e6;
    }

    private static long statusKib(long pid, String field) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try (var lines = Files.lines(status)) {
            // "VmRSS:\t  312456 kB"
            return lines.filter(line -> line.startsWith(field))
                    .map(line -> Long.parseLong(line.substring(field.length()).replace("kB", "").trim()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No " + field + " in " + status));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + status, e);
        }
    }
}
