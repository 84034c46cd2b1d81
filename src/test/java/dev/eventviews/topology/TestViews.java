package dev.eventviews.topology;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.streams.StreamsConfig;

import dev.eventviews.checkout.CheckoutTopology;
import dev.eventviews.registry.ValueSerdes;

/** The application's whole topology as the topology tests build it: one partition, the default retentions. */
public final class TestViews {

    public static final Duration IDEMPOTENCY_KEY_RETENTION = Duration.ofDays(1);
    public static final Duration HISTORY_RETENTION = Duration.ofDays(30);
    public static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);

    private TestViews() {
    }

    /** What a TopologyTestDriver needs: an application id and a state dir of its own (no broker is reached). */
    public static Properties driverConfig(String applicationId, Path stateDir) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return config;
    }

    public static ViewsTopology topology(ValueSerdes serdes) {
        return topology(serdes, IDEMPOTENCY_KEY_RETENTION, HISTORY_RETENTION, STEP_TIMEOUT);
    }

    public static ViewsTopology topology(ValueSerdes serdes, Duration idempotencyKeyRetention,
            Duration historyRetention, Duration stepTimeout) {
        return new ViewsTopology(serdes, idempotencyKeyRetention, historyRetention, 1,
                new CheckoutTopology(serdes, stepTimeout));
    }
}
