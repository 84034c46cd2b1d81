package dev.eventviews.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.io.TempDir;

import dev.eventviews.events.Customer;
import dev.eventviews.events.Order;
import dev.eventviews.topology.CustomerOrdersReader.CustomerOrdersPage;

/**
 * One customer with 20,000 orders, written in no particular order: every record stays small, and the orders are
 * read page by page. The orders are written once for all the tests, which only read.
 */
@TestInstance(Lifecycle.PER_CLASS)
class CustomerOrdersHotCustomerTest {

    private static final int ORDERS = 20_000;
    /** "A few KB": an order row is about a hundred bytes, a customer's whole list would be megabytes. */
    private static final int MAX_RECORD_BYTES = 4 * 1024;
    private static final Instant T0 = Instant.parse("2024-05-01T10:15:30.123Z");
    private static final String CUSTOMER_ID = "c-hot";

    private ViewsDriver views;

    @BeforeAll
    void writeOrders(@TempDir(factory = MemoryTempDir.class) Path stateDir) {
        views = new ViewsDriver(stateDir);
        views.customers.pipeInput(CUSTOMER_ID, new Customer(CUSTOMER_ID, "Ada", "Lovelace", "ada@example.com", null, null, null));
        List<KeyValue<String, Order>> orders = orders();
        Collections.shuffle(orders, new Random(11));
        views.orders.pipeKeyValueList(orders, T0, Duration.ofMillis(1));
    }

    @AfterAll
    void closeDriver() {
        views.close();
    }

    @Test
    void shouldKeepOneSmallRowPerOrderAndWriteNoLargeRecordAnywhere() {
        // then there is one row per order
        assertEquals(ORDERS, views.rows().size());

        // and no record written to any topic grows with the number of orders
        Map<String, List<TestRecord<byte[], byte[]>>> produced = views.producedRecords();
        assertTrue(produced.containsKey(ViewsDriver.APPLICATION_ID + "-customer-orders-by-customer-repartition"),
                "the repartition topic is measured too: " + produced.keySet());
        assertTrue(produced.containsKey(ViewsDriver.APPLICATION_ID + "-customer-orders-changelog"),
                "the rows' changelog is measured too: " + produced.keySet());
        produced.forEach((topic, records) -> {
            int largest = records.stream().mapToInt(CustomerOrdersHotCustomerTest::size).max().orElse(0);
            assertTrue(largest <= MAX_RECORD_BYTES, "a record of " + largest + " bytes was written to " + topic);
        });
    }

    @Test
    void shouldPageThroughEveryOrderOnceInOrder() {
        // when the customer is read 1,000 orders at a time
        CustomerOrdersReader reader = views.reader();
        List<String> read = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            CustomerOrdersPage page = reader.customer(CUSTOMER_ID, after, 1_000).orElseThrow();
            assertEquals(CUSTOMER_ID, page.customer().getCustomerId());
            page.orders().forEach(order -> read.add(order.getOrderId()));
            after = page.next();
            pages++;
        } while (after != null);

        // then every order comes once, in orderId order, and the last page says there is no more
        assertEquals(orderIds(), read);
        assertEquals(ORDERS / 1_000, pages);
        assertNull(reader.customer(CUSTOMER_ID, read.get(read.size() - 1), 1_000).orElseThrow().next());
    }

    private static List<KeyValue<String, Order>> orders() {
        List<KeyValue<String, Order>> orders = new ArrayList<>();
        for (String orderId : orderIds()) {
            orders.add(KeyValue.pair(orderId, new Order(orderId, CUSTOMER_ID, "item " + orderId, null, T0)));
        }
        return orders;
    }

    /** In their text order, which is the stores' key order. */
    private static List<String> orderIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            ids.add(String.format("o-%05d", i));
        }
        return ids;
    }

    private static int size(TestRecord<byte[], byte[]> record) {
        return (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
    }
}
