package dev.eventviews.read;

import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
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
import io.restassured.response.Response;

/**
 * The customer-orders views page: one customer's orders ({@code ?after=<orderId>}), the customers with their first
 * orders ({@code ?after=<customerId>&orders=}), and every order with its customer ({@code ?after=<rowKey>}).
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class CustomerOrdersTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void viewsReady() {
        Eventually.ready();
    }

    @Test
    void shouldPageThroughOneCustomersOrdersInOrderIdOrder() {
        String customerId = "pager-" + run;
        customerWithOrders(customerId, 7);

        List<String> read = new ArrayList<>();
        List<String> nexts = new ArrayList<>();
        String after = null;
        do {
            JsonPath page = get("/store/customer-orders/" + customerId + "?limit=3"
                    + (after == null ? "" : "&after=" + after)).then().statusCode(200)
                    .body("customer.customerId", equalTo(customerId)).extract().jsonPath();
            read.addAll(page.getList("orders.orderId"));
            after = page.getString("next");
            nexts.add(after);
        } while (after != null);

        assertEquals(orderIds(customerId, 7), read);
        assertEquals(Arrays.asList(customerId + "-o3", customerId + "-o6", null), nexts);
    }

    @Test
    void shouldWaitForACustomerThatHasNoOrdersYet() throws Exception {
        String customerId = "waited-" + run;
        CompletableFuture<Response> waiting = CompletableFuture
                .supplyAsync(() -> get("/store/customer-orders/" + customerId + "?waitMs=20000"));
        Thread.sleep(300);
        Api.accepted("/events/customers", Api.customer(customerId, "Ada", "ada@example.com"));
        Api.accepted("/events/orders", Api.order(customerId + "-o1", customerId, "Loom"));

        waiting.get(30, TimeUnit.SECONDS).then().statusCode(200)
                .body("orders.orderId", contains(customerId + "-o1"));
    }

    @Test
    void shouldListCustomersEachWithTheirFirstOrders() {
        String prefix = "listed-" + run;
        for (String suffix : List.of("-a", "-b", "-c")) {
            customerWithOrders(prefix + suffix, 3);
        }

        // a proper prefix of an id sorts right before it
        JsonPath first = get("/store/customer-orders?after=" + prefix + "&limit=2&orders=2").then().statusCode(200)
                .body("items.customer.customerId", contains(prefix + "-a", prefix + "-b"),
                        "items[0].orders.orderId", contains(prefix + "-a-o1", prefix + "-a-o2"),
                        "items[0].next", equalTo(prefix + "-a-o2"),
                        "next", equalTo(prefix + "-b"))
                .extract().jsonPath();
        get("/store/customer-orders?limit=1&after=" + first.getString("next")).then().statusCode(200)
                .body("items.customer.customerId", contains(prefix + "-c"),
                        "items[0].orders.orderId", contains(orderIds(prefix + "-c", 3).toArray()),
                        "items[0].next", nullValue());
    }

    @Test
    void shouldListEveryOrderWithItsCustomerByCustomerThenOrder() {
        String prefix = "rows-" + run;
        customerWithOrders(prefix + "-a", 3);
        customerWithOrders(prefix + "-b", 2);

        get("/store/customer-order/all?limit=4&after=" + prefix + "-a,").then().statusCode(200)
                .body("items.customer.customerId", contains(prefix + "-a", prefix + "-a", prefix + "-a",
                        prefix + "-b"),
                        "items.order.orderId", contains(prefix + "-a-o1", prefix + "-a-o2", prefix + "-a-o3",
                                prefix + "-b-o1"),
                        "items[0].keySet()", contains("customer", "order"),
                        "next", equalTo(prefix + "-b," + prefix + "-b-o1"));
        get("/store/customer-order/all?limit=1&after=" + prefix + "-b," + prefix + "-b-o1").then().statusCode(200)
                .body("items.order.orderId", contains(prefix + "-b-o2"));
    }

    /** A customer with {@code count} orders, written out of order in one bulk write, once the view holds them all. */
    private static void customerWithOrders(String customerId, int count) {
        Api.accepted("/events/customers", Api.customer(customerId, "Ada", "ada@example.com"));
        List<String> ids = new ArrayList<>(orderIds(customerId, count));
        Collections.reverse(ids);
        Api.accepted("/events/orders", ids.stream().map(id -> Api.order(id, customerId, "Loom"))
                .collect(Collectors.joining(",", "[", "]")));
        Eventually.until("/store/customer-orders/" + customerId, response -> response.statusCode() == 200
                && response.jsonPath().getList("orders").size() == count);
    }

    private static List<String> orderIds(String customerId, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> customerId + "-o" + i).toList();
    }
}
