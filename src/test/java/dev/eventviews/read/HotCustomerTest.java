package dev.eventviews.read;

import static io.restassured.RestAssured.get;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.eventviews.Api;
import dev.eventviews.Eventually;
import dev.eventviews.RealInfrastructure;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A customer with tens of thousands of orders costs the views what its orders cost, and no more: other customers'
 * orders keep appearing while it is loaded, and its orders page without gaps or repeats.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class HotCustomerTest {

    /** Another count with {@code ./mvnw verify -DargLine=-Dhot-customer.orders=N}. */
    private static final int ORDERS = Integer.getInteger("hot-customer.orders", 20_000);
    /** The most a bulk write takes (eventviews.bulk.max-items). */
    private static final int PER_REQUEST = 200;
    /** Generous: the whole load takes seconds where it runs alone, but a CI machine may be slow and busy. */
    private static final Duration OTHER_CUSTOMER_BOUND = Duration.ofSeconds(30);

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void viewsReady() {
        Eventually.ready();
    }

    @Test
    void shouldShowAnotherCustomersOrderWhileOneCustomerGetsThousandsAndPageThemAllOnce() throws Exception {
        String hot = "hot-" + run;
        String other = "other-" + run;
        Api.accepted("/events/customers", Api.customer(hot, "Hot", "hot@example.com"));
        Api.accepted("/events/customers", Api.customer(other, "Other", "other@example.com"));

        // when thousands of orders of one customer are written in bulk, and another customer's order in the middle
        CountDownLatch halfway = new CountDownLatch(1);
        CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
            for (int request = 0; request < ORDERS / PER_REQUEST; request++) {
                Api.accepted("/events/orders", IntStream.range(request * PER_REQUEST, (request + 1) * PER_REQUEST)
                        .mapToObj(i -> Api.order(orderId(hot, i), hot, "Widget"))
                        .collect(Collectors.joining(",", "[", "]")));
                if (request == ORDERS / PER_REQUEST / 2) {
                    halfway.countDown();
                }
            }
        });
        assertTrue(halfway.await(60, TimeUnit.SECONDS), "half of the orders written");
        Api.accepted("/events/orders", Api.order(other + "-o1", other, "Gadget"));

        // then the other customer's order appears within a bound, while the load goes on
        await("another customer's order").atMost(OTHER_CUSTOMER_BOUND).pollInterval(Duration.ofMillis(100))
                .until(() -> get("/store/customer-orders/" + other).statusCode() == 200);
        load.get(60, TimeUnit.SECONDS);

        // and once the last order is in, paging returns every order once, in order
        String beforeLast = orderId(hot, ORDERS - 2);
        await("the last order").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> get("/store/customer-orders/" + hot + "?limit=1&after=" + beforeLast).jsonPath()
                        .getList("orders.orderId"), orders -> orders != null && orders.size() == 1);
        List<String> read = new ArrayList<>(ORDERS);
        String after = null;
        int pages = 0;
        do {
            JsonPath page = get("/store/customer-orders/" + hot + "?limit=1000"
                    + (after == null ? "" : "&after=" + after)).then().statusCode(200).extract().jsonPath();
            read.addAll(page.getList("orders.orderId"));
            after = page.getString("next");
            pages++;
        } while (after != null && pages <= ORDERS / 1000 + 1);
        List<String> expected = IntStream.range(0, ORDERS).mapToObj(i -> orderId(hot, i)).toList();
        int differ = IntStream.range(0, Math.min(expected.size(), read.size()))
                .filter(i -> !expected.get(i).equals(read.get(i))).findFirst().orElse(-1);
        assertEquals(-1, differ, () -> "at " + differ + ": " + read.get(differ) + " instead of " + expected.get(differ));
        assertEquals(ORDERS, read.size(), "orders read in " + pages + " pages");
    }

    /** Zero-padded, so that the id order is the number order. */
    private static String orderId(String customerId, int i) {
        return customerId + "-o" + String.format("%05d", i);
    }
}
