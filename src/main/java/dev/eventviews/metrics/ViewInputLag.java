package dev.eventviews.metrics;

import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

import dev.eventviews.topology.Catalog;
import dev.eventviews.topology.Catalog.View;
import dev.eventviews.topology.TopologyLayout;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * How far behind its input each view is on this instance: for every topic that feeds the view
 * ({@link TopologyLayout#inputTopicsOf}), the records that this instance's stream threads have not read yet, summed
 * over the partitions they are assigned. It is the gauge {@code eventviews.view.input.lag{view,topic}}, and the
 * {@code inputLag} of {@code /store/instances}.
 * <p>
 * The source is what the stream threads' consumers measure anyway ({@code records-lag} of
 * {@code consumer-fetch-manager-metrics}: the last stable offset minus the position, per partition, as of the last
 * fetch), so reading it costs nothing, and each instance counts its own partitions only: the sum over the instances
 * is the application's lag. Records already fetched but still waiting in a task's buffer (at most
 * {@code buffered.records.per.partition} per partition) are not counted: the figure matters when a view falls
 * thousands of records behind, and then it is exact to within those buffers.
 */
@Singleton
public class ViewInputLag {

    static final String NAME = "eventviews.view.input.lag";
    private static final String GROUP = "consumer-fetch-manager-metrics";
    private static final String RECORDS_LAG = "records-lag";
    /** Every gauge of one scrape reads the same snapshot, instead of each walking all of Kafka Streams' metrics. */
    private static final long SNAPSHOT_NANOS = 1_000_000_000L;

    private final KafkaStreams streams;
    private final TopologyLayout layout;
    private volatile Snapshot last;

    private record Snapshot(long takenNanos, Map<String, Long> byTopic) {
    }

    @Inject
    ViewInputLag(KafkaStreams streams, TopologyLayout layout) {
        this.streams = streams;
        this.layout = layout;
    }

    void register(@Observes StartupEvent start, MeterRegistry registry) {
        for (View<?> view : Catalog.VIEWS) {
            for (String topic : layout.inputTopicsOf(view.name())) {
                Gauge.builder(NAME, this, lag -> lag.byTopic().getOrDefault(topic, 0L))
                        .description("Records of an input topic of the view that this instance has not processed yet")
                        .baseUnit("records")
                        .tag("view", view.name())
                        .tag("topic", topic)
                        .register(registry);
            }
        }
    }

    /** The records not read yet of each topic this instance's stream threads read, summed over its partitions. */
    public Map<String, Long> byTopic() {
        Snapshot snapshot = last;
        if (snapshot == null || System.nanoTime() - snapshot.takenNanos() > SNAPSHOT_NANOS) {
            snapshot = new Snapshot(System.nanoTime(), read(streams.metrics()));
            last = snapshot;
        }
        return snapshot.byTopic();
    }

    static Map<String, Long> read(Map<MetricName, ? extends Metric> metrics) {
        Map<String, Long> byTopic = new TreeMap<>();
        metrics.forEach((name, metric) -> {
            if (RECORDS_LAG.equals(name.name()) && GROUP.equals(name.group()) && isStreamThreadConsumer(name)
                    && metric.metricValue() instanceof Double lag && !lag.isNaN()) {
                byTopic.merge(name.tags().get("topic"), lag.longValue(), Long::sum);
            }
        });
        return byTopic;
    }

    /** The stream threads' main consumers, not their restore consumers nor the global stores' consumer. */
    private static boolean isStreamThreadConsumer(MetricName name) {
        String client = name.tags().getOrDefault("client-id", "");
        return client.contains("-StreamThread-") && client.endsWith("-consumer")
                && !client.endsWith("-restore-consumer") && name.tags().containsKey("topic");
    }
}
