package dev.eventviews.topology;

import java.time.Duration;

import dev.eventviews.checkout.CheckoutTopology;
import dev.eventviews.registry.ValueSerdes;

/** The application's whole topology as the topology tests build it: one partition, the default retentions. */
public final class TestViews {

    public static final Duration IDEMPOTENCY_KEY_RETENTION = Duration.ofDays(1);
    public static final Duration HISTORY_RETENTION = Duration.ofDays(30);
    public static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);

    private TestViews() {
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
