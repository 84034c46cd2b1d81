package dev.eventviews.bench.figures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.eventviews.bench.BenchContext;
import dev.eventviews.bench.load.Http;
import dev.eventviews.bench.report.Figure;
import dev.eventviews.bench.report.Result;
import dev.eventviews.topology.Catalog;

/**
 * Figure 12: what time travel costs in disk and memory with the full data set: the size on disk of the history
 * and versioned stores (every entity's history, by-time index and versions, and the customer-orders rows'
 * versions) against that of all the other stores, from the application's state directory once it has caught up.
 * Their memory is reported beside it, from RocksDB's own figures for each store (memtables and table readers):
 * RocksDB memory is one budget for all stores ({@code eventviews.rocksdb.memory}), so the history stores do not add
 * to the process's RSS beyond it, they take a share of it.
 */
public final class TimeTravelStorage {

    /** RocksDB's per-store memory gauges, as the Kafka Streams metrics reach {@code /q/metrics}. */
    private static final List<String> MEMORY_GAUGES = List.of("kafka_stream_state_size_all_mem_tables",
            "kafka_stream_state_estimate_table_readers_mem");
    private static final Pattern STORE_LABEL = Pattern.compile("rocksdb_state_id=\"([^\"]+)\"");

    private TimeTravelStorage() {
    }

    public static Figure run(BenchContext context) {
        Set<String> stores = timeTravelStores();
        double allMb = mb(sizeOf(context.app().stateDir(), path -> true));
        double timeTravelMb = mb(sizeOf(context.app().stateDir(), path -> isOf(path, stores)));
        Result measured = Result.of("history and versioned stores on disk", timeTravelMb, "MB");
        Result baseline = Result.of("all other stores on disk", allMb - timeTravelMb, "MB");
        double[] memory = memoryMb(context.http(), stores);
        String conditions = String.format("%d customers and %d orders loaded, after catching up; RocksDB memory "
                + "(memtables, table readers) of these stores %.1f MB of %.1f MB for all stores; process RSS %.0f MB",
                context.scale().loadCustomers(), context.scale().loadOrders(), memory[0], memory[1],
                Memory.residentMb(context));
        return new Figure(12, "Time travel storage", conditions, measured, baseline,
                timeTravelMb / (allMb - timeTravelMb), "reported (no target)", true);
    }

    /** The names of the history and versioned stores; a versioned store's segments are named after it. */
    private static Set<String> timeTravelStores() {
        Set<String> names = new HashSet<>(Set.of(Catalog.CUSTOMER_ORDER_VERSIONS,
                Catalog.CUSTOMER_ORDER_VERSIONS_BY_TIME));
        Catalog.HISTORIES.forEach(history -> names.addAll(List.of(history.history(), history.historyByTime(),
                history.versions())));
        return names;
    }

    private static boolean isOf(Path file, Set<String> stores) {
        for (Path part : file) {
            String name = part.toString();
            if (stores.contains(name) || stores.stream().anyMatch(store -> name.startsWith(store + "."))) {
                return true;
            }
        }
        return false;
    }

    private static long sizeOf(Path dir, Predicate<Path> counted) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(file -> counted.test(dir.relativize(file)))
                    .mapToLong(TimeTravelStorage::size).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot measure " + dir, e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // a file RocksDB removed (a compaction) while the directory was walked
        }
    }

    /** RocksDB's memory gauges summed: {those of {@code stores}, all}, in MB; zeros when they are not exposed. */
    private static double[] memoryMb(Http http, Set<String> stores) {
        String metrics = http.get("/q/metrics").join().body();
        double of = 0;
        double all = 0;
        for (String line : metrics.split("\n")) {
            if (MEMORY_GAUGES.stream().noneMatch(gauge -> line.startsWith(gauge + "{"))) {
                continue;
            }
            Matcher store = STORE_LABEL.matcher(line);
            double bytes = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            all += bytes;
            if (store.find() && stores.stream().anyMatch(name -> store.group(1).equals(name)
                    || store.group(1).startsWith(name + "."))) {
                of += bytes;
            }
        }
        return new double[] {of / 1e6, all / 1e6};
    }

    private static double mb(long bytes) {
        return bytes / 1e6;
    }
}
