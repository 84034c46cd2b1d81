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
    void shouldStreamTheJoinedViewWhenAnOrderMeetsItsCustomer() throws Exception {
        String customerId = "live-join-" + run;
        try (ChangeStream customerOrders = ChangeStream.open(changes + "customer-orders")) {
            Api.accepted("/events/customers", Api.customer(customerId, "Grace", "grace@example.com"));
            Api.accepted("/events/orders", Api.order("live-o1-" + run, customerId, "Harvard Mark I"));

            JsonNode joined = customerOrders.next(customerId);
            assertEquals("Grace", joined.path("value").path("customer").path("firstName").asText());
            assertEquals("Harvard Mark I", joined.path("value").path("orders").path(0).path("orderItemName").asText());
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
