package dev.eventviews.history;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.eventviews.Api;
import dev.eventviews.Eventually;
import dev.eventviews.RealInfrastructure;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** An entity's history and its past states over HTTP, on the real broker, whose clock stamps the events. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class HistoryTest {

    private static final String PROBLEM = "application/problem+json";

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void viewsReady() {
        Eventually.ready();
    }

    @Test
    void shouldKeepEveryEventOfACustomerChanged50TimesThenDeletedAndAnswerAsOfEachChange() throws Exception {
        // given a customer written 50 times, then deleted, each write's token kept
        String id = "hist-" + run;
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tokens.add(Api.accepted("/events/customers", Api.customer(id, "Ada" + i, "ada@example.com"))
                    .getString("token"));
            // The broker stamps each event in milliseconds: two in the same one would be one version.
            Thread.sleep(2);
        }
        String deleted = given().delete("/events/customers/" + id).then().statusCode(202).extract()
                .header("Consistency-Token");
        tokens.add(deleted);

        // then its history, read 20 at a time after the delete's token, has the 51 events in log order
        List<Map<String, Object>> history = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            RequestSpecification request = given().queryParam("limit", 20).queryParam("consistentWith", deleted);
            if (after != null) {
                request.queryParam("after", after);
            }
            JsonPath page = request.get("/events/customers/" + id).then().statusCode(200).extract().jsonPath();
            history.addAll(page.getList("items"));
            after = page.getString("next");
            pages++;
        } while (after != null);
        assertEquals(3, pages);
        assertEquals(51, history.size());
        List<Instant> stamps = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            Map<String, Object> event = history.get(i);
            assertEquals(tokens.get(i), event.get("token"), "event " + i + " is the write that answered this token");
            assertEquals(tokens.get(i), event.get("topic") + ":" + event.get("partition") + ":" + event.get("offset"));
            stamps.add(Instant.parse((String) event.get("timestamp")));
            if (i < 50) {
                assertEquals("Ada" + i, ((Map<?, ?>) event.get("event")).get("firstName"));
                assertEquals(id, ((Map<?, ?>) event.get("event")).get("customerId"));
            }
        }
        assertNull(history.get(50).get("event"), "the delete is a tombstone");
        for (int i = 1; i < 51; i++) {
            assertTrue(stamps.get(i).isAfter(stamps.get(i - 1)), "the broker's time follows the log");
        }

        // and, after the delete, as of each change's instant (and just before the next) gives that version
        for (int i = 0; i < 50; i++) {
            asOf(id, stamps.get(i), deleted).then().statusCode(200).body("firstName", equalTo("Ada" + i));
            asOf(id, stamps.get(i + 1).minusMillis(1), deleted).then().statusCode(200)
                    .body("firstName", equalTo("Ada" + i));
        }
        // while before the creation and from the delete on, there was no such customer
        asOf(id, stamps.get(0).minusMillis(1), deleted).then().statusCode(404).contentType(PROBLEM)
                .body("detail", containsString("had the key"));
        asOf(id, stamps.get(50), deleted).then().statusCode(404);
        Eventually.gone("/store/customers/" + id);

        // and the versions say when each held
        JsonPath versions = given().queryParam("consistentWith", deleted).get("/store/customers/" + id + "/versions")
                .then().statusCode(200).body("", hasSize(50)).extract().jsonPath();
        for (int i = 0; i < 50; i++) {
            assertEquals("Ada" + i, versions.getString("[" + i + "].value.firstName"));
            assertEquals(stamps.get(i), Instant.parse(versions.getString("[" + i + "].validFrom")));
            assertEquals(stamps.get(i + 1), Instant.parse(versions.getString("[" + i + "].validTo")));
        }
        // a window gives those that held within it
        given().queryParam("from", stamps.get(10).toString()).queryParam("to", stamps.get(12).toString())
                .get("/store/customers/" + id + "/versions")
                .then().statusCode(200).body("value.firstName", equalTo(List.of("Ada10", "Ada11", "Ada12")));
        // and the history a window of events
        given().queryParam("from", stamps.get(48).toString())
                .get("/events/customers/" + id)
                .then().statusCode(200).body("items.offset", hasSize(3), "items[2].event", nullValue(),
                        "next", nullValue());
    }

    @Test
    void shouldKeepTheHistoryAndVersionsOfOrdersToo() {
        String orderId = "hist-o-" + run;
        String token = Api.accepted("/events/orders", Api.order(orderId, "hist-c-" + run, "Loom"))
                .getString("token");

        JsonPath history = given().queryParam("consistentWith", token).get("/events/orders/" + orderId)
                .then().statusCode(200).header("Answered-By", notNullValue())
                .body("items", hasSize(1), "items[0].token", equalTo(token),
                        "items[0].event.orderItemName", equalTo("Loom"), "next", nullValue())
                .extract().jsonPath();
        Instant placed = Instant.parse(history.getString("items[0].timestamp"));

        asOf("/store/orders/" + orderId, placed, token).then().statusCode(200).body("orderItemName", equalTo("Loom"));
        given().queryParam("consistentWith", token).get("/store/orders/" + orderId + "/versions")
                .then().statusCode(200).body("validFrom", equalTo(List.of(history.getString("items[0].timestamp"))),
                        "validTo", equalTo(java.util.Arrays.asList((Object) null)));
    }

    @Test
    void shouldAnswerAnEmptyHistoryForAnEntityWithoutEvents() {
        given().get("/events/customers/nobody-" + run).then().statusCode(200)
                .body("items", hasSize(0), "next", nullValue());
        given().get("/store/customers/nobody-" + run + "/versions").then().statusCode(200).body("", hasSize(0));
        asOf("nobody-" + run, Instant.now().minusSeconds(60), null).then().statusCode(404);
    }

    @Test
    void shouldRefuseBadTimesWith400() {
        String customer = "/store/customers/anyone-" + run;
        given().queryParam("asOf", "yesterday").get(customer).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("asOf"), "errors.message", hasItem(containsString("ISO-8601")));
        given().queryParam("asOf", Instant.now().plus(Duration.ofHours(1)).toString()).get(customer)
                .then().statusCode(400).body("errors[0].field", equalTo("asOf"),
                        "errors[0].message", equalTo("must not be in the future"));
        given().queryParam("from", "2026-02-01T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z")
                .get(customer + "/versions").then().statusCode(400).body("errors[0].field", equalTo("from"));
        given().queryParam("from", "2026-02-01T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z")
                .get("/events/customers/anyone-" + run).then().statusCode(400).body("errors[0].field", equalTo("from"));
        given().queryParam("to", "soon").get("/events/customers/anyone-" + run).then().statusCode(400)
                .body("errors[0].field", equalTo("to"));
        given().queryParam("limit", 1001).get("/events/customers/anyone-" + run).then().statusCode(400)
                .body("errors.field", hasItem("limit"));
        given().queryParam("after", "-1").get("/events/customers/anyone-" + run).then().statusCode(400)
                .body("errors.field", hasItem("after"));
    }

    @Test
    void shouldAnswer410ForTimesOlderThanTheRetention() {
        given().queryParam("asOf", "2000-01-01T00:00:00Z").get("/store/customers/anyone-" + run)
                .then().statusCode(410).contentType(PROBLEM)
                .body("type", equalTo("https://event-views.dev/problems/beyond-retention"),
                        "detail", containsString("History is kept for 30 days"),
                        "detail", containsString("2000-01-01T00:00:00Z is before it"));
        given().queryParam("from", "2000-01-01T00:00:00Z").get("/store/orders/anyone-" + run + "/versions")
                .then().statusCode(410).body("type", equalTo("https://event-views.dev/problems/beyond-retention"));
    }

    @Test
    void shouldRefuseAsOfOnViewsThatKeepNoVersions() {
        given().queryParam("asOf", Instant.now().minusSeconds(60).toString())
                .get("/store/greetings/anyone-" + run)
                .then().statusCode(400).body("errors[0].field", equalTo("asOf"),
                        "errors[0].message", containsString("greetings"));
    }

    @Test
    void shouldAnswerCustomerOrdersAsOfWithTheSameProblemsAsTheOtherReadsIntoThePast() {
        String customerOrders = "/store/customer-orders/anyone-" + run;
        given().queryParam("asOf", Instant.now().minusSeconds(60).toString()).get(customerOrders)
                .then().statusCode(404).contentType(PROBLEM).body("detail", containsString("had the key"));
        given().queryParam("asOf", "2000-01-01T00:00:00Z").get(customerOrders)
                .then().statusCode(410).body("type", equalTo("https://event-views.dev/problems/beyond-retention"));
        given().queryParam("asOf", Instant.now().plus(Duration.ofHours(1)).toString()).get(customerOrders)
                .then().statusCode(400).body("errors[0].field", equalTo("asOf"));
        given().queryParam("asOf", "noon").get(customerOrders).then().statusCode(400)
                .body("errors[0].field", equalTo("asOf"));
    }

    /** The customer {@code id}, or the entity at {@code path}, as of an instant. */
    private static io.restassured.response.Response asOf(String idOrPath, Instant asOf, String token) {
        String path = idOrPath.startsWith("/") ? idOrPath : "/store/customers/" + idOrPath;
        RequestSpecification request = given().queryParam("asOf", asOf.toString());
        if (token != null) {
            request.queryParam("consistentWith", token);
        }
        return request.get(path);
    }
}
