package dev.eventviews.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.eventviews.events.Customer;
import dev.eventviews.events.Order;
import dev.eventviews.topology.CustomerOrdersReader.CustomerOrdersPage;
import dev.eventviews.topology.CustomerOrdersReader.Slice;
import dev.eventviews.topology.CustomerOrdersReader.CustomerOrder;

/** Paging through the customer-orders rows of one store partition, as the read side does. */
class CustomerOrdersReaderTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:15:30.123Z");

    @TempDir(factory = MemoryTempDir.class)
    Path stateDir;

    private ViewsDriver views;
    private CustomerOrdersReader reader;

    @BeforeEach
    void startDriver() {
        views = new ViewsDriver(stateDir);
        reader = views.reader();
    }

    @AfterEach
    void closeDriver() {
        views.close();
    }

    @Test
    void shouldPageThroughOneCustomersOrdersAndNoOtherCustomersOrders() {
        // given customers whose ids start like "c", each with orders, written out of order
        for (String customerId : List.of("c-1", "c", "c.1", "c-")) {
            customer(customerId);
        }
        for (int i = 9; i >= 0; i--) {
            for (String customerId : List.of("c-1", "c", "c.1", "c-")) {
                order(customerId + "-o" + i, customerId);
            }
        }

        // when "c" is read three orders at a time
        List<String> read = new ArrayList<>();
        List<String> afters = new ArrayList<>();
        String after = null;
        do {
            CustomerOrdersPage page = reader.customer("c", after, 3).orElseThrow();
            page.orders().forEach(order -> read.add(order.getOrderId()));
            after = page.next();
            afters.add(after);
        } while (after != null);

        // then each of its orders comes once, in order, and no other customer's
        List<String> expected = new ArrayList<>();
        for (int i = 0; i <= 9; i++) {
            expected.add("c-o" + i);
        }
        assertEquals(expected, read);
        assertEquals(Arrays.asList("c-o2", "c-o5", "c-o8", null), afters);
    }

    @Test
    void shouldGoOnAfterAnOrderThatWasDeletedMeanwhile() {
        customer("c-1");
        order("o-1", "c-1");
        order("o-2", "c-1");
        order("o-3", "c-1");
        views.orders.pipeInput("o-2", (Order) null);

        assertEquals(List.of("o-3"), orderIds(reader.customer("c-1", "o-2", 10).orElseThrow().orders()));
    }

    @Test
    void shouldLeaveOutCustomersWithoutARecordOrWithoutOrders() {
        // an order without its customer, a customer without orders
        order("o-1", "c-no-record");
        customer("c-no-orders");
        customer("c-1");
        order("o-2", "c-1");

        assertEquals(Optional.empty(), reader.customer("c-no-record", null, 10));
        assertEquals(Optional.empty(), reader.customer("c-no-orders", null, 10));
        assertEquals(Optional.empty(), reader.customer("c-no-orders", "o-0", 10));
        assertEquals(Optional.empty(), reader.customer("c-unknown", null, 10));
        // past the last order the customer is still there, with no more orders
        CustomerOrdersPage past = reader.customer("c-1", "o-2", 10).orElseThrow();
        assertEquals(List.of(), past.orders());
        assertNull(past.next());
    }

    @Test
    void shouldListCustomersWithTheirFirstOrdersPageByPage() {
        // given customers c-1..c-5 with 1..5 orders, and a customer without a record between them
        for (int c = 1; c <= 5; c++) {
            customer("c-" + c);
            for (int o = 1; o <= c; o++) {
                order("c-" + c + "-o" + o, "c-" + c);
            }
        }
        order("c-3a-o1", "c-3a");

        // when they are listed two at a time, with at most two orders each
        Slice<CustomerOrdersPage> first = reader.customers(null, 2, 2);
        Slice<CustomerOrdersPage> second = reader.customers(first.next(), 2, 2);
        Slice<CustomerOrdersPage> third = reader.customers(second.next(), 2, 2);

        // then every customer with a record comes once, in order, with where to read the rest of its orders
        assertEquals(List.of("c-1", "c-2"), customerIds(first));
        assertEquals("c-2", first.next());
        assertEquals(List.of("c-3", "c-4"), customerIds(second));
        assertEquals(List.of("c-5"), customerIds(third));
        assertNull(third.next());
        assertEquals(List.of("c-1-o1"), orderIds(first.items().get(0).orders()));
        assertNull(first.items().get(0).next());
        assertEquals(List.of("c-2-o1", "c-2-o2"), orderIds(first.items().get(1).orders()));
        assertNull(first.items().get(1).next(), "exactly two orders: nothing more to read");
        assertEquals(List.of("c-3-o1", "c-3-o2"), orderIds(second.items().get(0).orders()));
        assertEquals("c-3-o2", second.items().get(0).next());
    }

    @Test
    void shouldListEveryOrderWithItsCustomerByCustomerThenOrder() {
        // given two customers with orders, and orders of a customer without a record between them
        customer("c-1");
        customer("c-3");
        for (String id : List.of("o-3", "o-1", "o-2")) {
            order(id, "c-1");
            order(id + "-of-2", "c-2");
            order(id + "-of-3", "c-3");
        }

        // when read two at a time
        List<String> read = new ArrayList<>();
        String after = null;
        do {
            Slice<CustomerOrder> page = reader.orders(after, 2);
            assertTrue(page.items().size() <= 2);
            page.items().forEach(row -> read.add(row.customer().getCustomerId() + "/" + row.order().getOrderId()));
            after = page.next();
        } while (after != null);

        // then every order of a customer with a record comes once, by customer, then order
        assertEquals(List.of("c-1/o-1", "c-1/o-2", "c-1/o-3", "c-3/o-1-of-3", "c-3/o-2-of-3", "c-3/o-3-of-3"), read);
    }

    @Test
    void shouldRefuseALimitBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> reader.customer("c-1", null, 0));
        assertThrows(IllegalArgumentException.class, () -> reader.customers(null, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> reader.orders(null, 0));
    }

    private void customer(String id) {
        views.customers.pipeInput(id, new Customer(id, "Ada", "Lovelace", id + "@example.com", null, null, null));
    }

    private void order(String id, String customerId) {
        views.orders.pipeInput(id, new Order(id, customerId, "book", null, T0));
    }

    private static List<String> orderIds(List<Order> orders) {
        return orders.stream().map(Order::getOrderId).toList();
    }

    private static List<String> customerIds(Slice<CustomerOrdersPage> slice) {
        return slice.items().stream().map(page -> page.customer().getCustomerId()).toList();
    }
}
