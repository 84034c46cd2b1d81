package dev.eventviews.operator;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.eventviews.Api;
import dev.eventviews.Eventually;
import dev.eventviews.RealInfrastructure;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** What an operator relies on: health probes, Prometheus metrics, and the API description. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class OperatorEndpointsTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void viewsReady() {
        Eventually.ready();
    }

    @Test
    void shouldBeLiveAndReadyWithChecksThatSayWhatTheyChecked() {
        get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Views queryable", "Schema registry"))
                .body("checks.find { it.name == 'Views queryable' }.data.state", equalTo("RUNNING"));
    }

    @Test
    void shouldCountAcceptedAndRejectedEventsPerType() {
        double customersAccepted = events("customer", "accepted");
        double customersRejected = events("customer", "rejected");
        double ordersAccepted = events("order", "accepted");
        double ordersRejected = events("order", "rejected");
        double greetingsAccepted = events("greeting", "accepted");

        Api.accepted("/events/customers", Api.customer("metered-" + run, "Ada", "ada@example.com"));
        given().contentType(ContentType.JSON).body(Api.customer("metered-" + run, "Ada", "not-an-email"))
                .post("/events/customers").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"customerId\":\"c1\"}")
                .post("/events/orders").then().statusCode(400);
        given().contentType(ContentType.TEXT).body("hello").post("/events/orders").then().statusCode(415);
        given().delete("/events/orders/metered-" + run).then().statusCode(202);

        assertEquals(customersAccepted + 1, events("customer", "accepted"));
        assertEquals(customersRejected + 1, events("customer", "rejected"));
        assertEquals(ordersAccepted + 1, events("order", "accepted"));
        assertEquals(ordersRejected + 2, events("order", "rejected"));
        assertEquals(greetingsAccepted, events("greeting", "accepted"));
    }

    @Test
    void shouldCountEachEventOfABulkWriteWithItsOwnOutcome() {
        double accepted = events("customer", "accepted");
        double rejected = events("customer", "rejected");
        String valid = Api.customer("bulk-metered-" + run, "Ada", "ada@example.com");
        String invalid = Api.customer("bulk-metered-" + run, "Ada", "not-an-email");

        given().contentType(ContentType.JSON).body("[" + valid + "," + valid + "," + invalid + "]")
                .post("/events/customers").then().statusCode(207);

        assertEquals(accepted + 2, events("customer", "accepted"), "two events accepted, not one request");
        assertEquals(rejected + 1, events("customer", "rejected"));
    }

    @Test
    void shouldTimeQueriesPerEndpointTemplateNotPerKey() {
        get("/store/customers/timed-" + run).then().statusCode(404);
        get("/store/customer-orders?limit=5").then().statusCode(200);

        String metrics = metrics();
        assertTrue(Pattern.compile("http_server_requests_seconds_count\\{[^}]*uri=\"/store/customers/\\{customerId}\"")
                .matcher(metrics).find(), "latency of key lookups, under the endpoint's template");
        assertTrue(Pattern.compile("http_server_requests_seconds_count\\{[^}]*uri=\"/store/customer-orders\"")
                .matcher(metrics).find(), "latency of lists");
        assertFalse(metrics.contains("timed-" + run), "no series per key");
    }

    @Test
    void shouldExposeKafkaStreamsMetricsThatFollowTheProcessing() {
        Api.accepted("/events/greetings", "{\"message\":\"counted " + run + "\"}");

        // Records processed by the stream threads: the views' input, counted by Kafka Streams itself.
        Eventually.until("/q/metrics", response -> value(response.asString(),
                "kafka_stream_thread_process_total\\{[^}]*}") > 0);
    }

    @Test
    void shouldShowHowFarEachViewIsBehindItsInputTopicsInTheMetricsAndTheInstances() {
        String customerId = "lagging-" + run;
        Api.accepted("/events/customers", Api.customer(customerId, "Ada", "ada@example.com"));
        Api.accepted("/events/orders", Api.order("lagging-o-" + run, customerId, "Loom"));
        Eventually.found("/store/customer-orders/" + customerId);

        // every view has a series per topic that feeds it: customer-orders reads the orders through a repartition
        String metrics = metrics();
        for (String view : new String[] { "customers", "orders", "greetings", "customer-orders" }) {
            assertTrue(value(metrics, lag(view, view.equals("customer-orders") ? "orders" : view)) >= 0, view);
        }
        value(metrics, lag("customer-orders", "[^\"]*customer-orders-by-customer-repartition"));
        // once the writes are processed, nothing is left behind
        Eventually.until("/q/metrics", response -> value(response.asString(), lag("customer-orders", "orders")) == 0
                && value(response.asString(), lag("customers", "customers")) == 0);
        // /store/instances has it per topic that the instance reads
        get("/store/instances").then().statusCode(200)
                .body("[0].inputLag.orders", equalTo(0), "[0].inputLag", hasKey("customers"),
                        "[0].inputLag", hasKey(endsWith("customer-orders-by-customer-repartition")));
    }

    /** The series of a view's input lag from a topic (a pattern); Prometheus writes the labels in order. */
    private static String lag(String view, String topic) {
        return "eventviews_view_input_lag_records\\{topic=\"" + topic + "\",view=\"" + view + "\"}";
    }

    @Test
    void shouldDescribeTheApiIncludingTheLiveChanges() {
        given().accept(ContentType.JSON).get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("event-views"))
                .body("paths", hasKey("/events/customers"))
                .body("paths", hasKey("/store/customer-orders/{customerId}"))
                .body("paths", hasKey("/store/changes/{view}"))
                .body("paths.'/store/changes/{view}'.get.responses.'200'.content", hasKey("text/event-stream"));
        get("/q/swagger-ui/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("swagger-ui"));
    }

    private static double events(String type, String outcome) {
        // Prometheus writes the labels in alphabetical order.
        return value(metrics(), "eventviews_events_total\\{outcome=\"" + outcome + "\",type=\"" + type + "\"}");
    }

    private static String metrics() {
        return get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of the first series that matches (name and labels, as a pattern); fails if there is none. */
    private static double value(String metrics, String series) {
        Matcher matcher = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(metrics);
        assertTrue(matcher.find(), "no series " + series);
        return Double.parseDouble(matcher.group(1));
    }
}
