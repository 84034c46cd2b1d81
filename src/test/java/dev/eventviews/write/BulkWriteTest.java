package dev.eventviews.write;

import static dev.eventviews.Api.customer;
import static dev.eventviews.Api.order;
import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.anyList;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.common.errors.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import dev.eventviews.Eventually;
import dev.eventviews.RealInfrastructure;
import dev.eventviews.kafka.EndOffsets;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;

/** Bulk writes: a JSON array or NDJSON of customers or orders, one result per item, in order. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class BulkWriteTest {

    private static final String NDJSON = "application/x-ndjson";
    /** RestAssured encodes text bodies only for media types it knows; NDJSON goes as the UTF-8 bytes it is. */
    private static final EncoderConfig NDJSON_AS_TEXT = EncoderConfig.encoderConfig()
            .encodeContentTypeAs(NDJSON, ContentType.TEXT);

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @BeforeEach
    void viewsReady() {
        Eventually.ready();
    }

    @Test
    void shouldWriteEveryItemOfAJsonArrayAndAnswer202() {
        String body = "[" + customer("a-" + run, "Ada", "ada@example.com") + ","
                + customer("b-" + run, "Babbage", "charles@example.com") + "]";

        given().contentType(ContentType.JSON).body(body)
                .when().post("/events/customers")
                .then().statusCode(202)
                .body("accepted", equalTo(2), "failed", equalTo(0),
                        "items.key", contains("a-" + run, "b-" + run),
                        "items.status", everyItem(equalTo(202)),
                        "items.topic", everyItem(equalTo("customers")),
                        "items.offset", everyItem(notNullValue()),
                        "items.token", everyItem(startsWith("customers:")));

        Eventually.found("/store/customers/a-" + run).then().body("firstName", equalTo("Ada"));
        Eventually.found("/store/customers/b-" + run).then().body("firstName", equalTo("Babbage"));
    }

    @Test
    void shouldWriteNdjsonLinesSkippingBlankOnes() {
        String customerId = "nd-" + run;
        String body = order("o1-" + run, customerId, "Loom").strip() + "\n\n"
                + order("o2-" + run, customerId, "Engine").strip() + "\r\n";

        given().config(RestAssured.config().encoderConfig(NDJSON_AS_TEXT)).contentType(NDJSON).body(body)
                .when().post("/events/orders")
                .then().statusCode(202)
                .body("accepted", equalTo(2), "items.key", contains("o1-" + run, "o2-" + run));

        Eventually.found("/store/orders/o2-" + run).then().body("orderItemName", equalTo("Engine"));
    }

    @Test
    void shouldWriteTheValidItemsAndReportEachInvalidOneWith207() {
        String body = "[" + customer("ok-" + run, "Ada", "ada@example.com") + ","
                + customer("bad-" + run, "Ada", "not-an-email") + ","
                + "{\"firstName\":\"F\",\"lastName\":\"L\",\"email\":\"f@example.com\",\"age\":3},"
                + "42" + "]";

        given().contentType(ContentType.JSON).body(body)
                .when().post("/events/customers")
                .then().statusCode(207)
                .body("accepted", equalTo(1), "failed", equalTo(3),
                        "items.status", contains(202, 400, 400, 400),
                        "items[0].key", equalTo("ok-" + run),
                        "items[1].key", nullValue(),
                        "items[1].errors.field", contains("email"),
                        "items[2].errors.field", contains("age"),
                        "items[2].errors.message", contains("is not a known field"),
                        "items[3].title", equalTo("Malformed JSON"),
                        "items[1].type", equalTo("https://event-views.dev/problems/validation"),
                        "items[3].type", equalTo("https://event-views.dev/problems/malformed-json"));

        Eventually.found("/store/customers/ok-" + run);
        get("/store/customers/bad-" + run).then().statusCode(404);
    }

    @Test
    void shouldReportAMalformedNdjsonLineAndWriteTheOthers() {
        String body = customer("l1-" + run, "Ada", "ada@example.com").strip() + "\n"
                + "{\"customerId\": \"l2-" + run + "\", \"firstName\": \n"
                + customer("l3-" + run, "Ada", "ada@example.com").strip() + "{}\n"
                + customer("l4-" + run, "Ada", "ada@example.com").strip() + "\n";

        given().config(RestAssured.config().encoderConfig(NDJSON_AS_TEXT)).contentType(NDJSON).body(body)
                .when().post("/events/customers")
                .then().statusCode(207)
                .body("items.status", contains(202, 400, 400, 202),
                        "items[1].title", equalTo("Malformed JSON"),
                        "items[2].title", equalTo("Malformed JSON"));

        Eventually.found("/store/customers/l4-" + run);
        Eventually.found("/store/customers/l1-" + run);
    }

    @Test
    void shouldRejectAnEmptyBatch() {
        given().contentType(ContentType.JSON).body("[]")
                .when().post("/events/customers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("at least one item"));
        given().config(RestAssured.config().encoderConfig(NDJSON_AS_TEXT)).contentType(NDJSON).body("\n \n")
                .when().post("/events/orders")
                .then().statusCode(400).contentType("application/problem+json");
        given().config(RestAssured.config().encoderConfig(NDJSON_AS_TEXT)).contentType(NDJSON)
                .when().post("/events/orders")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void shouldAnswerARetryOfAKeyedBatchWithTheFirstAnswersAndWriteOnce() {
        String key = "bulk-" + run;
        String body = "[" + customer("k1-" + run, "Ada", "ada@example.com") + ","
                + customer("k2-" + run, "Ada", "not-an-email") + ","
                + customer("k3-" + run, "Babbage", "charles@example.com") + "]";
        long before = EndOffsets.total(bootstrapServers, "customers");

        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post("/events/customers")
                .then().statusCode(207).body("items.status", contains(202, 400, 202)).extract().asString();
        String retry = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post("/events/customers")
                .then().statusCode(207).extract().asString();

        assertEquals(first, retry, "every item's first answer, tokens and offsets included");
        assertEquals(before + 2, EndOffsets.total(bootstrapServers, "customers"), "each accepted item once");
        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("[" + customer("k1-" + run, "Ada", "ada@example.com") + "]")
                .when().post("/events/customers")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://event-views.dev/problems/idempotency-key-reused"));
        assertEquals(before + 2, EndOffsets.total(bootstrapServers, "customers"), "nothing of a refused batch");
    }

    @Test
    void shouldRejectMoreItemsThanTheLimitWith413AndWriteNone() {
        String body = IntStream.range(0, 201)
                .mapToObj(i -> customer("many-" + i + "-" + run, "Ada", "ada@example.com").strip())
                .collect(Collectors.joining("\n"));

        given().config(RestAssured.config().encoderConfig(NDJSON_AS_TEXT)).contentType(NDJSON).body(body)
                .when().post("/events/customers")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("at most 200 items"));
        get("/store/customers/many-0-" + run).then().statusCode(404);
    }

    @Test
    void shouldRejectANullOrScalarBodyAsOneBadRequest() {
        given().contentType(ContentType.JSON).body("null")
                .when().post("/events/customers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("a JSON body is required"));
        given().contentType(ContentType.JSON).body("\"Ada\"")
                .when().post("/events/orders")
                .then().statusCode(400).body("title", equalTo("Malformed JSON"));
    }

    @Test
    void shouldRejectAMalformedArrayAsAWhole() {
        given().contentType(ContentType.JSON).body("[" + customer("x-" + run, "Ada", "ada@example.com") + ",")
                .when().post("/events/customers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"));
    }

    @Test
    void shouldReportItemsTheEventLogDidNotAcknowledgeWith503() {
        EventLog eventLog = Mockito.mock(EventLog.class);
        Mockito.when(eventLog.saveCustomers(anyList())).thenAnswer(call -> {
            List<CustomerRequest> requests = call.getArgument(0);
            return Uni.createFrom().item(requests.stream().map(request -> request.customerId().startsWith("lost")
                    ? CompletableFuture.<Appended>failedFuture(
                            new EventLogUnavailableException(new TimeoutException("Expiring")))
                    : CompletableFuture.completedFuture(new Appended(request.customerId(), "customers", 0, 7)))
                    .toList());
        });
        QuarkusMock.installMockForType(eventLog, EventLog.class);

        given().contentType(ContentType.JSON)
                .body("[" + customer("kept", "Ada", "ada@example.com") + ","
                        + customer("lost", "Ada", "ada@example.com") + "]")
                .when().post("/events/customers")
                .then().statusCode(207)
                .body("items.status", contains(202, 503),
                        "items[1].title", equalTo("Event log unavailable"),
                        "items[1].type", equalTo("https://event-views.dev/problems/event-log-unavailable"),
                        "items[0].token", equalTo("customers:0:7"),
                        "items[1].detail", containsString("may or may not have been stored"),
                        "items.detail", hasItem(notNullValue()),
                        "items", hasSize(2));
    }
}
