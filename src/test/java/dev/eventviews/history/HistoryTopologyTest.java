package dev.eventviews.history;

import static dev.eventviews.topology.Catalog.CUSTOMER_EVENTS;
import static dev.eventviews.topology.Catalog.CUSTOMER_HISTORY;
import static dev.eventviews.topology.Catalog.ORDER_EVENTS;
import static dev.eventviews.topology.Catalog.ORDER_HISTORY;
import static dev.eventviews.topology.Catalog.PRODUCTS_VIEW;
import static dev.eventviews.topology.Catalog.PRODUCT_EVENTS;
import static dev.eventviews.topology.Catalog.PRODUCT_HISTORY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.query.MultiVersionedKeyQuery;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.VersionedKeyQuery;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.VersionedRecord;
import org.apache.kafka.streams.state.VersionedRecordIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.eventviews.topology.TestViews;
import dev.eventviews.checkout.CheckoutTopology;
import dev.eventviews.events.Customer;
import dev.eventviews.events.Order;
import dev.eventviews.events.Product;
import dev.eventviews.topology.Catalog.History;
import dev.eventviews.topology.Catalog.Topic;
import dev.eventviews.topology.PlainAvroSerdes;
import dev.eventviews.topology.ViewsTopology;

class HistoryTopologyTest {

    /** The wall clock when the driver starts; events are stamped at or after it unless a test says otherwise. */
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(30);
    private static final HistoryRetention HISTORY_RETENTION = new HistoryRetention(RETENTION);
    /** When the reads happen, unless a test moves time on: well within the retention of every event. */
    private static final Instant NOW = T0.plus(Duration.ofDays(1));

    private final PlainAvroSerdes serdes = new PlainAvroSerdes();
    private final EventHistory history = new EventHistory(HISTORY_RETENTION);
    private final VersionReads versions = new VersionReads(HISTORY_RETENTION);

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, Customer> customers;
    private TestInputTopic<String, Order> orders;

    @BeforeEach
    void startDriver() {
        Properties config = TestViews.driverConfig("history-topology-test", stateDir);
        driver = new TopologyTestDriver(TestViews.topology(serdes, TestViews.IDEMPOTENCY_KEY_RETENTION, RETENTION,
                TestViews.STEP_TIMEOUT).build(), config, T0);
        customers = input(CUSTOMER_EVENTS);
        orders = input(ORDER_EVENTS);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    // ---- the scenario ------------------------------------------------------------------------------

    @Test
    void shouldKeepEveryEventOfACustomerChanged50TimesThenDeletedAndAnswerAsOfEachChange() {
        // given a customer written 50 times, a minute apart, then deleted
        List<Customer> written = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Customer version = customer("c-1", "Ada " + i);
            written.add(version);
            customers.pipeInput("c-1", version, minute(i));
        }
        customers.pipeInput("c-1", null, minute(50));

        // then its history has the 51 events in log order, the delete last as a tombstone
        HistoryPage page = history.read(historyStore(CUSTOMER_HISTORY), new HistoryQuery("c-1", null, null, null,
                100), NOW);
        assertEquals(51, page.entries().size());
        assertNull(page.next());
        for (int i = 0; i < 50; i++) {
            HistoryEntry entry = page.entries().get(i);
            assertEquals(i, entry.getOffset());
            assertEquals(minute(i), entry.getTimestamp());
            assertEquals(CUSTOMER_EVENTS.name(), entry.getTopic());
            assertEquals(written.get(i), event(CUSTOMER_EVENTS, entry));
        }
        assertNull(page.entries().get(50).getEvent());
        assertEquals(minute(50), page.entries().get(50).getTimestamp());

        // and, after the delete, as of each change's instant (and just before the next one) gives that version
        for (int i = 0; i < 50; i++) {
            assertEquals(written.get(i), found(asOf("c-1", minute(i))).value());
            Version<Customer> justBeforeNext = found(asOf("c-1", minute(i + 1).minusMillis(1)));
            assertEquals(written.get(i), justBeforeNext.value());
            assertEquals(minute(i), justBeforeNext.validFrom());
            assertEquals(minute(i + 1), justBeforeNext.validTo());
        }
        // while before the creation and from the delete on there is nothing
        assertInstanceOf(HistoryAnswer.NotFound.class, asOf("c-1", minute(0).minusMillis(1)));
        assertInstanceOf(HistoryAnswer.NotFound.class, asOf("c-1", minute(50)));
        assertInstanceOf(HistoryAnswer.NotFound.class, asOf("c-1", NOW));
    }

    // ---- history paging and time windows -------------------------------------------------------------------

    @Test
    void shouldPageOneEntitysHistoryWithAfterLimitAndNextWithoutTheRowsOfOtherIds() {
        // given c-1's five events interleaved with events of ids that extend it or that it extends
        for (int i = 0; i < 5; i++) {
            customers.pipeInput("c", customer("c", "C " + i), minute(i));
            customers.pipeInput("c-1", customer("c-1", "Ada " + i), minute(i));
            customers.pipeInput("c-10", customer("c-10", "Ten " + i), minute(i));
        }

        // when read two at a time
        HistoryPage first = page("c-1", null, null, null, 2);
        HistoryPage second = page("c-1", first.next(), null, null, 2);
        HistoryPage third = page("c-1", second.next(), null, null, 2);

        // then the pages follow each other, hold only c-1's events, and the last has no next
        assertEquals(List.of("Ada 0", "Ada 1"), names(first));
        assertEquals(List.of("Ada 2", "Ada 3"), names(second));
        assertEquals(List.of("Ada 4"), names(third));
        assertEquals(first.entries().get(1).getOffset(), first.next());
        assertNull(third.next());
        // and a page that ends exactly at the last event has no next either
        assertNull(page("c-1", null, null, null, 5).next());
        assertEquals(4, page("c-1", null, null, null, 4).entries().size());
        assertEquals(List.of("C 0", "C 1", "C 2", "C 3", "C 4"), names(page("c", null, null, null, 10)));
        assertEquals(List.of(), page("c-2", null, null, null, 10).entries());
    }

    @Test
    void shouldKeepOnlyTheEventsBetweenFromAndToInclusive() {
        for (int i = 0; i < 6; i++) {
            customers.pipeInput("c-1", customer("c-1", "Ada " + i), minute(i));
        }

        assertEquals(List.of("Ada 1", "Ada 2", "Ada 3"), names(page("c-1", null, minute(1), minute(3), 10)));
        assertEquals(List.of("Ada 4", "Ada 5"), names(page("c-1", null, minute(4), null, 10)));
        assertEquals(List.of("Ada 0"), names(page("c-1", null, null, minute(0), 10)));
        assertEquals(List.of(), names(page("c-1", null, minute(6), null, 10)));

        // and paging works inside a window
        HistoryPage first = page("c-1", null, minute(1), minute(4), 3);
        assertEquals(List.of("Ada 1", "Ada 2", "Ada 3"), names(first));
        HistoryPage second = page("c-1", first.next(), minute(1), minute(4), 3);
        assertEquals(List.of("Ada 4"), names(second));
        assertNull(second.next());
    }

    @Test
    void shouldKeepTheHistoryOfEveryEntityTopic() {
        Order order = new Order("o-1", "c-1", "book", null, T0);
        orders.pipeInput("o-1", order, minute(1));

        HistoryPage page = history.read(historyStore(ORDER_HISTORY), new HistoryQuery("o-1", null, null, null, 10),
                NOW);
        assertEquals(1, page.entries().size());
        assertEquals(ORDER_EVENTS.name(), page.entries().get(0).getTopic());
        assertEquals(order, event(ORDER_EVENTS, page.entries().get(0)));
        assertEquals(order, found(versions.<Order> asOf("o-1", minute(1), NOW, query(ORDER_HISTORY))).value());
    }

    @Test
    void shouldKeepTheHistoryAndVersionsOfProductsReadByTheCheckoutSaga() {
        // given a product created and repriced, on the topic that the saga's inventory reads
        TestInputTopic<String, Product> products = input(PRODUCT_EVENTS);
        Product created = new Product("p-1", "Lamp", 1_000L);
        Product repriced = new Product("p-1", "Lamp", 1_200L);
        products.pipeInput("p-1", created, minute(1));
        products.pipeInput("p-1", repriced, minute(2));

        // then its history has both events, and as of each instant the price then
        HistoryPage page = history.read(historyStore(PRODUCT_HISTORY), new HistoryQuery("p-1", null, null, null, 10),
                NOW);
        assertEquals(List.of(created, repriced), page.entries().stream()
                .map(entry -> event(PRODUCT_EVENTS, entry)).toList());
        assertEquals(created, found(versions.<Product> asOf("p-1", minute(1), NOW, query(PRODUCT_HISTORY))).value());
        assertEquals(repriced, found(versions.<Product> asOf("p-1", minute(2), NOW, query(PRODUCT_HISTORY))).value());
        // and the saga still folds it into the products view
        assertEquals(1, rowCount(PRODUCTS_VIEW.name()));
    }

    @Test
    void shouldNotIndexAKeyThatHoldsTheSeparator() {
        customers.pipeInput("c\u0000x", customer("c\u0000x", "Odd"), minute(0));
        customers.pipeInput("c", customer("c", "Plain"), minute(1));

        assertEquals(List.of("Plain"), names(page("c", null, null, null, 10)));
    }

    // ---- versions ------------------------------------------------------------------------------------------

    @Test
    void shouldListVersionsWithValidityAndLeaveOutTheTimeADeleteLasted() {
        // given a customer created, changed, deleted, then created again
        Customer v1 = customer("c-1", "Ada");
        Customer v2 = customer("c-1", "Augusta");
        Customer v3 = customer("c-1", "Ada again");
        customers.pipeInput("c-1", v1, minute(1));
        customers.pipeInput("c-1", v2, minute(2));
        customers.pipeInput("c-1", null, minute(3));
        customers.pipeInput("c-1", v3, minute(5));

        // then the versions say when each held, and the delete is a gap
        assertEquals(List.of(
                new Version<>(v1, minute(1), minute(2)),
                new Version<>(v2, minute(2), minute(3)),
                new Version<>(v3, minute(5), null)), found(versionList("c-1", null, null)));
        assertInstanceOf(HistoryAnswer.NotFound.class, asOf("c-1", minute(4)));
        assertEquals(v3, found(asOf("c-1", minute(5))).value());

        // and a window gives the versions that held at some time within it
        assertEquals(List.of(new Version<>(v2, minute(2), minute(3))),
                found(versionList("c-1", minute(2).plusSeconds(1), minute(2).plusSeconds(2))));
        assertEquals(List.of(new Version<>(v2, minute(2), minute(3)), new Version<>(v3, minute(5), null)),
                found(versionList("c-1", minute(2).plusSeconds(1), minute(6))));
        assertInstanceOf(HistoryAnswer.NotFound.class, versionList("c-1", minute(3).plusSeconds(1), minute(4)));
        assertInstanceOf(HistoryAnswer.NotFound.class, versionList("c-2", null, null));
    }

    @Test
    void shouldPlaceAnEventWithAnOlderTimestampBeforeTheLaterVersionWhileTheHistoryKeepsLogOrder() {
        // given a change stamped 10 minutes in, then one that arrives later but is stamped 5 minutes in
        Customer later = customer("c-1", "Stamped later");
        Customer earlier = customer("c-1", "Stamped earlier");
        customers.pipeInput("c-1", later, minute(10));
        customers.pipeInput("c-1", earlier, minute(5));

        // then as of each time, the version stamped before it answers
        assertInstanceOf(HistoryAnswer.NotFound.class, asOf("c-1", minute(4)));
        Version<Customer> atSeven = found(asOf("c-1", minute(7)));
        assertEquals(new Version<>(earlier, minute(5), minute(10)), atSeven);
        assertEquals(later, found(asOf("c-1", minute(11))).value());
        assertEquals(List.of(earlier, later),
                found(versionList("c-1", null, null)).stream().map(Version::value).toList());

        // while the history keeps the order the log has
        assertEquals(List.of("Stamped later", "Stamped earlier"), names(page("c-1", null, null, null, 10)));
        // and a time window still finds the event stamped out of order
        assertEquals(List.of("Stamped earlier"), names(page("c-1", null, minute(4), minute(6), 10)));
    }

    // ---- retention -----------------------------------------------------------------------------------------

    @Test
    void shouldAnswerBeyondRetentionForTimesOlderThanTheRetentionAndDropExpiredVersions() {
        // given a customer changed a day after its creation, and, 40 days on, another customer's event that moves
        // the versioned store's time past the first version's retention
        Customer v1 = customer("c-1", "Ada");
        Customer v2 = customer("c-1", "Augusta");
        customers.pipeInput("c-1", v1, T0);
        customers.pipeInput("c-1", v2, T0.plus(Duration.ofDays(1)));
        customers.pipeInput("c-2", customer("c-2", "Bob"), T0.plus(Duration.ofDays(40)));
        Instant now = T0.plus(Duration.ofDays(40));

        // then a read older than the retention is refused, naming the oldest instant kept
        Instant oldest = now.minus(RETENTION);
        assertEquals(new HistoryAnswer.BeyondRetention<>(oldest),
                versions.<Customer> asOf("c-1", T0.plus(Duration.ofHours(12)), now, query(CUSTOMER_HISTORY)));
        assertEquals(new HistoryAnswer.BeyondRetention<>(oldest),
                versions.<Customer> versions("c-1", oldest.minusMillis(1), null, now, multiQuery(CUSTOMER_HISTORY)));
        // and the store itself no longer has the expired version
        assertNull(this.<Customer> query(CUSTOMER_HISTORY).apply(VersionedKeyQuery.<String, Customer> withKey("c-1")
                .asOf(T0.plus(Duration.ofHours(12)))));

        // while the latest version, older than the retention but still holding, answers within it
        assertEquals(new Version<>(v2, T0.plus(Duration.ofDays(1)), null),
                found(versions.<Customer> asOf("c-1", oldest, now, query(CUSTOMER_HISTORY))));
        assertEquals(List.of(new Version<>(v2, T0.plus(Duration.ofDays(1)), null)),
                found(versions.<Customer> versions("c-1", null, null, now, multiQuery(CUSTOMER_HISTORY))));
    }

    @Test
    void shouldRemoveHistoryRowsOnceTheyAreOlderThanTheRetention() {
        // given an event at the start and one 20 days later
        customers.pipeInput("c-1", customer("c-1", "Ada"), T0);
        customers.pipeInput("c-1", customer("c-1", "Augusta"), T0.plus(Duration.ofDays(20)));
        Instant now = T0.plus(Duration.ofDays(31));

        // then once the first is past the retention, reads leave it out even before it is removed
        assertEquals(List.of("Augusta"), names(history.read(historyStore(CUSTOMER_HISTORY),
                new HistoryQuery("c-1", null, null, null, 10), now)));
        assertEquals(2, rowCount(CUSTOMER_HISTORY.history()));

        // and the wall-clock pass removes it, from both stores
        driver.advanceWallClockTime(Duration.ofDays(31));
        assertEquals(1, rowCount(CUSTOMER_HISTORY.history()));
        assertEquals(1, rowCount(CUSTOMER_HISTORY.historyByTime()));
        assertEquals(List.of("Augusta"), names(history.read(historyStore(CUSTOMER_HISTORY),
                new HistoryQuery("c-1", null, null, null, 10), now)));

        // and an event already past the retention when it arrives (a rebuild from an old log) is not written
        customers.pipeInput("c-3", customer("c-3", "Old"), T0);
        assertEquals(1, rowCount(CUSTOMER_HISTORY.history()));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static Instant minute(int i) {
        return T0.plus(Duration.ofMinutes(i));
    }

    private <V extends SpecificRecord> TestInputTopic<String, V> input(Topic<V> topic) {
        return driver.createInputTopic(topic.name(), new StringSerializer(),
                serdes.forType(topic.valueType()).serializer());
    }

    private KeyValueStore<Bytes, HistoryEntry> historyStore(History<?> entity) {
        return driver.getKeyValueStore(entity.history());
    }

    private HistoryPage page(String id, Long after, Instant from, Instant to, int limit) {
        return history.read(historyStore(CUSTOMER_HISTORY), new HistoryQuery(id, after, from, to, limit), NOW);
    }

    private int rowCount(String store) {
        KeyValueStore<Bytes, Object> rows = driver.getKeyValueStore(store);
        int count = 0;
        try (KeyValueIterator<Bytes, Object> all = rows.all()) {
            for (; all.hasNext(); all.next()) {
                count++;
            }
        }
        return count;
    }

    private List<String> names(HistoryPage page) {
        return page.entries().stream().map(entry -> event(CUSTOMER_EVENTS, entry).getFirstName()).toList();
    }

    private <V extends SpecificRecord> V event(Topic<V> topic, HistoryEntry entry) {
        ByteBuffer event = entry.getEvent().duplicate();
        byte[] bytes = new byte[event.remaining()];
        event.get(bytes);
        return serdes.forType(topic.valueType()).deserializer().deserialize(topic.name(), bytes);
    }

    private HistoryAnswer<Version<Customer>> asOf(String id, Instant asOf) {
        return versions.asOf(id, asOf, NOW, query(CUSTOMER_HISTORY));
    }

    private HistoryAnswer<List<Version<Customer>>> versionList(String id, Instant from, Instant to) {
        return versions.versions(id, from, to, NOW, multiQuery(CUSTOMER_HISTORY));
    }

    /** Runs an IQv2 query on the versioned store itself, as Kafka Streams does for the partition that holds it. */
    private <Q extends Query<R>, R> Function<Q, R> run(History<?> entity) {
        StateStore store = driver.getVersionedKeyValueStore(entity.versions());
        return query -> store.query(query, PositionBound.unbounded(), new QueryConfig(false)).getResult();
    }

    private <V> Function<VersionedKeyQuery<String, V>, VersionedRecord<V>> query(History<?> entity) {
        return run(entity);
    }

    private <V> Function<MultiVersionedKeyQuery<String, V>, VersionedRecordIterator<V>> multiQuery(
            History<?> entity) {
        return run(entity);
    }

    private static <T> T found(HistoryAnswer<T> answer) {
        if (answer instanceof HistoryAnswer.Found<T> found) {
            return found.value();
        }
        throw new AssertionError("expected a found answer, got " + answer);
    }

    private static Customer customer(String id, String firstName) {
        return new Customer(id, firstName, "Lovelace", id + "@example.com", null, null, null);
    }
}
