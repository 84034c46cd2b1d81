package dev.eventviews;

import static io.restassured.RestAssured.delete;
import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The whole HTTP surface against a real broker and registry: events in, views out. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class EventsAndViewsTest {

    /** Keys unique to this run, so tests sharing the broker cannot see each other's entities. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void viewsReady() {
        Eventually.ready();
    }

    @Test
    void shouldAnswer202WithWhereTheEventIsAndServeItFromTheView() {
        String id = "ada-" + run;

        given().contentType(ContentType.JSON).body(Api.customer(id, "Ada", "ada@example.com"))
                .when().post("/events/customers")
                .then().statusCode(202)
                .header("Location", endsWith("/store/customers/" + id))
                .body("key", equalTo(id), "topic", equalTo("customers"),
                        "partition", greaterThanOrEqualTo(0), "offset", greaterThanOrEqualTo(0));

        Eventually.found("/store/customers/" + id).then()
                .body("customerId", equalTo(id), "firstName", equalTo("Ada"), "lastName", equalTo("Lovelace"),
                        "email", equalTo("ada@example.com"), "phone", equalTo("+44 20 7946 0000"));
    }

    @Test
    void shouldGenerateIdAndPurchaseTimeWhenOmitted() {
        String location = given().contentType(ContentType.JSON)
                .body("{\"customerId\":\"c-" + run + "\",\"orderItemName\":\"Difference Engine\"}")
                .when().post("/events/orders")
                .then().statusCode(202).body("key", matchesPattern("[0-9a-f-]{36}"))
                .extract().header("Location");

        Eventually.found(location).then()
                .body("orderItemName", equalTo("Difference Engine"), "orderPlace", equalTo(null),
                        "orderPurchaseTime", matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*Z"));
    }

    @Test
    void shouldJoinEveryOrderWithItsCustomer() {
        String customerId = "grace-" + run;
        Api.accepted("/events/orders", Api.order("o2-" + run, customerId, "Compiler"));
        Api.accepted("/events/orders", Api.order("o1-" + run, customerId, "Harvard Mark I"));
        Api.accepted("/events/customers", Api.customer(customerId, "Grace", "grace@example.com"));

        Eventually.until("/store/customer-orders/" + customerId,
                response -> response.statusCode() == 200 && response.jsonPath().getList("orders").size() == 2)
                .then()
                .body("customer.firstName", equalTo("Grace"),
                        "orders.orderId", contains("o1-" + run, "o2-" + run),
                        "orders.orderItemName", contains("Harvard Mark I", "Compiler"));

        // "<customerId>," is the cursor just before the customer's first order
        get("/store/customer-order/all?limit=2&after=" + customerId + ",").then().statusCode(200)
                .body("items.customer.firstName", contains("Grace", "Grace"),
                        "items.order.orderId", contains("o1-" + run, "o2-" + run));
    }

    @Test
    void shouldApplyTombstonesForOrdersAndCustomers() {
        String customerId = "alan-" + run;
        Api.accepted("/events/customers", Api.customer(customerId, "Alan", "alan@example.com"));
        Api.accepted("/events/orders", Api.order("keep-" + run, customerId, "Bombe"));
        Api.accepted("/events/orders", Api.order("drop-" + run, customerId, "ACE"));
        Eventually.until("/store/customer-orders/" + customerId,
                response -> response.statusCode() == 200 && response.jsonPath().getList("orders").size() == 2);

        delete("/events/orders/drop-" + run).then().statusCode(202).body("key", equalTo("drop-" + run));
        Eventually.gone("/store/orders/drop-" + run);
        Eventually.until("/store/customer-orders/" + customerId,
                response -> response.jsonPath().getList("orders").size() == 1)
                .then().body("orders.orderId", contains("keep-" + run));

        delete("/events/customers/" + customerId).then().statusCode(202);
        Eventually.gone("/store/customers/" + customerId);
        Eventually.gone("/store/customer-orders/" + customerId);
        get("/store/orders/keep-" + run).then().statusCode(200);
    }

    @Test
    void shouldKeepEqualGreetingsApartInTheOrderTheyWereSaid() {
        String message = "hello " + run;
        String first = Api.accepted("/events/greetings", "{\"message\":\"" + message + "\"}").getString("key");
        String second = Api.accepted("/events/greetings", "{\"message\":\"" + message + "\"}").getString("key");

        Eventually.found("/store/greetings/" + second).then().body("message", equalTo(message),
                "createdAt", notNullValue());
        List<String> ids = Eventually.until("/store/greetings?limit=1000",
                response -> response.jsonPath().getList("items.id").contains(second))
                .jsonPath().getList("items.findAll { it.message == '" + message + "' }.id");
        assertEquals(List.of(first, second), ids);
    }

    @Test
    void shouldPageThroughAListInKeyOrderWithoutGapsOrDuplicates() {
        String prefix = "page-" + run + "-";
        for (int i = 5; i >= 1; i--) {
            Api.accepted("/events/customers", Api.customer(prefix + i, "Page" + i, "p" + i + "@example.com"));
        }
        Eventually.found("/store/customers/" + prefix + 1);
        Eventually.found("/store/customers/" + prefix + 5);

        List<String> seen = new ArrayList<>();
        String after = prefix + 0;
        while (seen.size() < 5 && after != null) {
            JsonPath page = get("/store/customers?limit=2&after=" + after).then().statusCode(200)
                    .body("items.size()", lessThanOrEqualTo(2)).extract().jsonPath();
            seen.addAll(page.getList("items.customerId"));
            after = page.getString("next");
        }
        assertEquals(List.of(prefix + 1, prefix + 2, prefix + 3, prefix + 4, prefix + 5), seen.subList(0, 5));
    }

    @Test
    void shouldTellWhichInstanceHoldsWhichStore() {
        get("/store/instances").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].stores", hasItems("customers", "orders", "greetings", "customer-orders"))
                .body("[0].partitions", hasItems("customers-0", "orders-5"));
        get("/store/instances/customer-orders").then().statusCode(200)
                .body("[0].stores", hasItems("customer-orders"));
        get("/store/instances/no-such-store").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("no-such-store"));
    }
}
