package dev.eventviews.history;

import static dev.eventviews.topology.Catalog.CUSTOMER_ORDER_VERSIONS;
import static dev.eventviews.topology.Catalog.CUSTOMER_ORDER_VERSIONS_BY_TIME;
import static dev.eventviews.topology.Catalog.ORDER_EVENTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.eventviews.events.Order;
import dev.eventviews.topology.PlainAvroSerdes;
import dev.eventviews.topology.TestViews;

/**
 * The versions of the customer-orders rows, kept from the orders' events through the whole topology (the router,
 * the repartition topic, the customers' task), and read as of instants as the read side does.
 */
class OrderVersionRecorderTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(30);

    private final PlainAvroSerdes serdes = new PlainAvroSerdes();

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, Order> orders;

    @BeforeEach
    void startDriver() {
        Properties config = TestViews.driverConfig("order-versions-test", stateDir);
        driver = new TopologyTestDriver(TestViews.topology(serdes, TestViews.IDEMPOTENCY_KEY_RETENTION, RETENTION,
                TestViews.STEP_TIMEOUT).build(), config, T0);
        orders = driver.createInputTopic(ORDER_EVENTS.name(), new StringSerializer(),
                serdes.forType(Order.class).serializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldShowEachCustomersOrdersAsTheyWereThroughChangesMovesAndDeletes() {
        // given an order placed, changed, moved from c-1 to c-2, then deleted, and another order of c-1
        orders.pipeInput("o-1", order("o-1", "c-1", "book"), minute(1));
        orders.pipeInput("o-2", order("o-2", "c-1", "pen"), minute(2));
        orders.pipeInput("o-1", order("o-1", "c-1", "two books"), minute(3));
        orders.pipeInput("o-1", order("o-1", "c-2", "two books"), minute(4));
        orders.pipeInput("o-1", null, minute(5));

        // then each customer's orders as of each instant are what they were then
        assertEquals(List.of(), items("c-1", minute(1).minusMillis(1)));
        assertEquals(List.of("o-1 book"), items("c-1", minute(1)));
        assertEquals(List.of("o-1 book", "o-2 pen"), items("c-1", minute(2)));
        assertEquals(List.of("o-1 two books", "o-2 pen"), items("c-1", minute(3)));
        assertEquals(List.of("o-2 pen"), items("c-1", minute(4)));
        assertEquals(List.of(), items("c-2", minute(4).minusMillis(1)));
        assertEquals(List.of("o-1 two books"), items("c-2", minute(4)));
        assertEquals(List.of("o-1 two books"), items("c-2", minute(5).minusMillis(1)));
        assertEquals(List.of(), items("c-2", minute(5)));
        assertEquals(List.of("o-2 pen"), items("c-1", minute(60)));

        // and each version says when it held
        OrderVersion moved = held("c-2", minute(4)).get(0);
        assertEquals(minute(4), moved.getValidFrom());
        assertEquals(minute(5), moved.getValidTo());
        OrderVersion changed = held("c-1", minute(3)).get(0);
        assertEquals(minute(3), changed.getValidFrom());
        assertEquals(minute(4), changed.getValidTo());
    }

    @Test
    void shouldSlotAChangeThatArrivesLateWhereItsTimestampPutsIt() {
        // given the changes of an order at 1, 5 and 3 minutes, in that order, and a removal at 4 that comes last
        orders.pipeInput("o-1", order("o-1", "c-1", "v1"), minute(1));
        orders.pipeInput("o-1", order("o-1", "c-1", "v5"), minute(5));
        orders.pipeInput("o-1", order("o-1", "c-1", "v3"), minute(3));
        orders.pipeInput("o-1", order("o-1", "c-2", "moved"), minute(4));

        // then as of each instant the version whose time it was holds, whatever the arrival order
        assertEquals(List.of("o-1 v1"), items("c-1", minute(2)));
        assertEquals(List.of("o-1 v3"), items("c-1", minute(3)));
        assertEquals(List.of(), items("c-1", minute(4)));
        assertEquals(List.of("o-1 v5"), items("c-1", minute(5)));
        // the late move to c-2 holds from its time until the next version of that row, which c-2 never had
        assertEquals(List.of("o-1 moved"), items("c-2", minute(4)));
        assertEquals(List.of("o-1 moved"), items("c-2", minute(6)));
        assertEquals(minute(3), held("c-1", minute(3)).get(0).getValidFrom());
        assertEquals(minute(4), held("c-1", minute(3)).get(0).getValidTo());
    }

    @Test
    void shouldLetALaterChangeAtTheSameInstantReplaceTheVersion() {
        orders.pipeInput("o-1", order("o-1", "c-1", "first"), minute(1));
        orders.pipeInput("o-1", order("o-1", "c-1", "second"), minute(1));

        assertEquals(List.of("o-1 second"), items("c-1", minute(1)));
        assertEquals(1, count(CUSTOMER_ORDER_VERSIONS));
    }

    @Test
    void shouldKeepOneCustomersRowsApartFromThoseOfIdsThatExtendIt() {
        orders.pipeInput("o-1", order("o-1", "c", "a"), minute(1));
        orders.pipeInput("o-2", order("o-2", "c-1", "b"), minute(1));
        orders.pipeInput("o-3", order("o-3", "c-10", "c"), minute(1));
        orders.pipeInput("o-10", order("o-10", "c-1", "d"), minute(1));

        assertEquals(List.of("o-1 a"), items("c", minute(2)));
        assertEquals(List.of("o-10 d", "o-2 b"), items("c-1", minute(2)));
        // and pages after an orderId start past all of that order's versions
        OrderVersionReads.Held first = read("c-1", null, minute(2), 1);
        assertTrue(first.more());
        OrderVersionReads.Held second = read("c-1", first.versions().get(0).getOrder().getOrderId(), minute(2), 1);
        assertEquals("o-2", second.versions().get(0).getOrder().getOrderId());
        assertFalse(second.more());
    }

    @Test
    void shouldRemoveEndedVersionsOnceTheyAreOlderThanTheRetentionAndKeepTheCurrentOnes() {
        // given an order that changed, one that moved, and one that was deleted, at the start
        orders.pipeInput("o-1", order("o-1", "c-1", "old"), T0);
        orders.pipeInput("o-1", order("o-1", "c-1", "new"), T0.plusSeconds(1));
        orders.pipeInput("o-2", order("o-2", "c-1", "leaving"), T0);
        orders.pipeInput("o-2", order("o-2", "c-2", "arrived"), T0.plusSeconds(1));
        orders.pipeInput("o-3", order("o-3", "c-3", "gone"), T0);
        orders.pipeInput("o-3", null, T0.plusSeconds(1));
        assertEquals(7, count(CUSTOMER_ORDER_VERSIONS)); // 2 + (1 at c-1, a removal, 1 at c-2) + (1, a removal)

        // when the retention has passed over all of it
        driver.advanceWallClockTime(RETENTION.plusDays(1));

        // then only the versions that still hold are left, with nothing left to expire
        assertEquals(2, count(CUSTOMER_ORDER_VERSIONS));
        assertEquals(0, count(CUSTOMER_ORDER_VERSIONS_BY_TIME));
        Instant now = T0.plus(RETENTION).plusSeconds(86_400);
        assertEquals(List.of("o-1 new"), items("c-1", now));
        assertEquals(List.of("o-2 arrived"), items("c-2", now));
        assertEquals(List.of(), items("c-3", now));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private List<String> items(String customerId, Instant asOf) {
        return held(customerId, asOf).stream()
                .map(version -> version.getOrder().getOrderId() + " " + version.getOrder().getOrderItemName())
                .toList();
    }

    private List<OrderVersion> held(String customerId, Instant asOf) {
        return read(customerId, null, asOf, 100).versions();
    }

    private OrderVersionReads.Held read(String customerId, String afterOrderId, Instant asOf, int limit) {
        KeyValueStore<Bytes, OrderVersion> store = driver.getKeyValueStore(CUSTOMER_ORDER_VERSIONS);
        OrderVersionReads.Range range = OrderVersionReads.range(customerId, afterOrderId);
        try (KeyValueIterator<Bytes, OrderVersion> rows = store.range(range.lower(), range.upper())) {
            return OrderVersionReads.at(rows, asOf, limit);
        }
    }

    private int count(String store) {
        KeyValueStore<Bytes, Object> rows = driver.getKeyValueStore(store);
        int count = 0;
        try (KeyValueIterator<Bytes, Object> all = rows.all()) {
            for (; all.hasNext(); all.next()) {
                count++;
            }
        }
        return count;
    }

    private static Instant minute(int i) {
        return T0.plus(Duration.ofMinutes(i));
    }

    private static Order order(String orderId, String customerId, String item) {
        return new Order(orderId, customerId, item, null, T0);
    }
}
