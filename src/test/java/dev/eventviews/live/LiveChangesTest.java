package dev.eventviews.live;

import static io.restassured.RestAssured.delete;
import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.eventviews.Api;
import dev.eventviews.Eventually;
import dev.eventviews.RealInfrastructure;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** GET /store/changes/{view}: the changes of a view as Server-Sent Events, read from the views' changelogs. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class LiveChangesTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @TestHTTPResource("/store/changes/")
    URL changes;

    @BeforeEach
    void viewsReady() {
        Eventually.ready();
    }

    @Test
    void shouldStreamEachChangeOfAViewAndANullValueWhenAKeyLeavesIt() throws Exception {
        String customerId = "live-" + run;
        try (ChangeStream customers = ChangeStream.open(changes + "customers")) {
            Api.accepted("/events/customers", Api.customer(customerId, "Ada", "ada@example.com"));
            JsonNode saved = customers.next(customerId);
            assertEquals("Ada", saved.path("value").path("firstName").asText());
            assertEquals("ada@example.com", saved.path("value").path("email").asText());

            delete("/events/customers/" + customerId).then().statusCode(202);
            JsonNode deleted = customers.next(customerId);
            assertTrue(deleted.has("value") && deleted.get("value").isNull(), "a deletion has a null value: " + deleted);
        }
    }

    @Test
    void shouldStreamWhatChangedInTheCustomerOrdersView() throws Exception {
        String customerId = "live-join-" + run;
        String orderId = "live-o1-" + run;
        try (ChangeStream customerOrders = ChangeStream.open(changes + "customer-orders")) {
            Api.accepted("/events/customers", Api.customer(customerId, "Grace", "grace@example.com"));
            Api.accepted("/events/orders", Api.order(orderId, customerId, "Harvard Mark I"));

            // the customer, and the order's row, each on its own: never the customer's whole list
            JsonNode customer = customerOrders.next(customerId);
            assertEquals("Grace", customer.path("value").path("firstName").asText());
            JsonNode row = customerOrders.next(customerId + "," + orderId);
            assertEquals("Harvard Mark I", row.path("value").path("orderItemName").asText());

            delete("/events/orders/" + orderId).then().statusCode(202);
            JsonNode removed = customerOrders.next(customerId + "," + orderId);
            assertTrue(removed.has("value") && removed.get("value").isNull(), "a removed row: " + removed);
        }
    }

    @Test
    void shouldAnswerWithAProblemForAViewThatDoesNotExistOrAClientThatTakesNoEventStream() {
        get("/store/changes/no-such-view").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("no-such-view"));
        given().accept(ContentType.JSON).get("/store/changes/customers").then().statusCode(406)
                .contentType("application/problem+json");
    }
}
