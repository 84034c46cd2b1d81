package dev.eventviews.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

/** The input lag is read from the stream threads' consumers' own metrics, and from nothing else. */
class ViewInputLagTest {

    private static final String THREAD = "event-views-0a1b-StreamThread-1";
    private final Map<MetricName, Metric> metrics = new HashMap<>();

    @Test
    void shouldSumTheRecordsLagOfTheStreamThreadsConsumersPerTopic() {
        // given the lag of two partitions of orders on two threads, and one of the repartition topic
        recordsLag(THREAD + "-consumer", "orders", 0, 5);
        recordsLag("event-views-0a1b-StreamThread-2-consumer", "orders", 3, 7);
        recordsLag(THREAD + "-consumer", "event-views-customer-orders-by-customer-repartition", 1, 40);
        // and lags that are not the tasks' input: restoring, the global store, another client, unknown yet
        recordsLag(THREAD + "-restore-consumer", "event-views-orders-changelog", 0, 1000);
        recordsLag("event-views-0a1b-global-consumer", "idempotency-keys", 0, 1000);
        recordsLag("event-views-changelog-reader", "event-views-customers-changelog", 0, 1000);
        recordsLag(THREAD + "-consumer", "customers", 2, Double.NaN);

        // then only the first are counted, per topic
        assertEquals(Map.of("orders", 12L, "event-views-customer-orders-by-customer-repartition", 40L),
                ViewInputLag.read(metrics));
    }

    private void recordsLag(String clientId, String topic, int partition, double lag) {
        MetricName name = new MetricName("records-lag", "consumer-fetch-manager-metrics", "",
                Map.of("client-id", clientId, "topic", topic, "partition", Integer.toString(partition)));
        metrics.put(name, new Metric() {
            @Override
            public MetricName metricName() {
                return name;
            }

            @Override
            public Object metricValue() {
                return lag;
            }
        });
    }
}
