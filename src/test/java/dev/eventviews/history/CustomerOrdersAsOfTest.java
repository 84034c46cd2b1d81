package dev.eventviews.history;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.eventviews.Api;
import dev.eventviews.Eventually;
import dev.eventviews.RealInfrastructure;
import dev.eventviews.events.Product;
import dev.eventviews.registry.ValueSerdes;
import dev.eventviews.topology.Catalog;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The customer-orders view as of an instant agrees with what the live view answered at that instant, once it had
 * caught up; on the real broker, whose clock stamps the events. Also the products' history and versions.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class CustomerOrdersAsOfTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Inject
    ValueSerdes serdes;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    /** What the live read of one customer's entry answered, and when. */
    private record Seen(Instant at, String customerId, int status, Object customer, Set<Object> orders) {
    }

    @BeforeEach
    void viewsReady() {
        Eventually.ready();
    }

    @Test
    void shouldAnswerAsOfEachInstantWhatTheLiveViewAnsweredThen() throws Exception {
        // given two customers, and orders added, changed, moved and deleted, the live view of both read in each pause
        String ada = "asof-ada-" + run;
        String bob = "asof-bob-" + run;
        String book = "asof-book-" + run;
        String pen = "asof-pen-" + run;
        List<Seen> seen = new ArrayList<>();
        String token = null;
        List<String> writes = List.of("create Ada", "create Bob", "Ada orders a book", "Ada orders a pen",
                "Ada is renamed", "the book moves to Bob", "the pen is deleted", "Bob's book changes",
                "Ada is deleted");
        for (String write : writes) {
            token = switch (write) {
                case "create Ada" -> post("/events/customers", Api.customer(ada, "Ada", "ada@example.com"));
                case "create Bob" -> post("/events/customers", Api.customer(bob, "Bob", "bob@example.com"));
                case "Ada orders a book" -> post("/events/orders", Api.order(book, ada, "Book"));
                case "Ada orders a pen" -> post("/events/orders", Api.order(pen, ada, "Pen"));
                case "Ada is renamed" -> post("/events/customers", Api.customer(ada, "Augusta", "ada@example.com"));
                case "the book moves to Bob" -> post("/events/orders", Api.order(book, bob, "Book"));
                case "the pen is deleted" -> delete("/events/orders/" + pen);
                case "Bob's book changes" -> post("/events/orders", Api.order(book, bob, "Two books"));
                case "Ada is deleted" -> delete("/events/customers/" + ada);
                default -> throw new IllegalStateException(write);
            };
            seen.add(live(ada, token));
            seen.add(live(bob, token));
            // The broker stamps in milliseconds: keep the next write's stamp after the instants just recorded.
            Thread.sleep(20);
        }
        assertEquals(Set.of(book, pen), orderIds(seen.get(6).orders()), "Ada's orders once she had both");
        assertEquals(404, seen.get(12).status(), "Ada without orders is not in the view");

        // then as of each recorded instant, the same customer and orders (or the same 404)
        for (Seen live : seen) {
            Response asOf = asOf(live.customerId(), live.at(), token, null);
            assertEquals(live.status(), asOf.statusCode(), "as of " + live.at() + " for " + live.customerId());
            if (live.status() == 200) {
                JsonPath answer = asOf.jsonPath();
                assertEquals(live.customer(), answer.get("customer"), "customer as of " + live.at());
                assertEquals(live.orders(), new HashSet<>(answer.getList("orders")), "orders as of " + live.at());
                assertVersionsHeldAt(answer, live.at());
            }
        }
    }

    @Test
    void shouldPageTheOrdersAsOfAnInstant() {
        String customer = "asof-pages-" + run;
        post("/events/customers", Api.customer(customer, "Ada", "ada@example.com"));
        String token = null;
        for (int i = 0; i < 3; i++) {
            token = post("/events/orders", Api.order("asof-p" + i + "-" + run, customer, "Item " + i));
        }
        Eventually.found("/store/customers/" + customer);
        Instant now = Instant.now();

        JsonPath first = asOf(customer, now, token, Map.of("limit", 2)).then().statusCode(200)
                .body("orders", hasSize(2), "asOf", equalTo(now.toString())).extract().jsonPath();
        assertEquals("asof-p1-" + run, first.getString("next"));
        asOf(customer, now, token, Map.of("limit", 2, "after", first.getString("next"))).then().statusCode(200)
                .body("orders.orderId", equalTo(List.of("asof-p2-" + run)), "next", nullValue());
    }

    @Test
    void shouldKeepTheHistoryAndVersionsOfProductEvents() throws Exception {
        String productId = "asof-lamp-" + run;
        List<RecordMetadata> written = new ArrayList<>();
        try (var producer = new KafkaProducer<>(Map.<String, Object> of("bootstrap.servers", bootstrapServers),
                new StringSerializer(), serdes.forType(Product.class).serializer())) {
            written.add(producer.send(new ProducerRecord<>(Catalog.PRODUCTS, productId,
                    new Product(productId, "Lamp", 1_000L))).get());
            Thread.sleep(5);
            written.add(producer.send(new ProducerRecord<>(Catalog.PRODUCTS, productId,
                    new Product(productId, "Lamp", 1_200L))).get());
        }
        RecordMetadata last = written.get(1);
        String token = Catalog.PRODUCTS + ":" + last.partition() + ":" + last.offset();

        given().queryParam("consistentWith", token).get("/events/products/" + productId)
                .then().statusCode(200).body("items", hasSize(2), "items.event.priceCents", equalTo(List.of(1000, 1200)),
                        "items[1].token", equalTo(token));
        JsonPath versions = given().queryParam("consistentWith", token).get("/store/products/" + productId + "/versions")
                .then().statusCode(200).body("value.priceCents", equalTo(List.of(1000, 1200))).extract().jsonPath();
        assertEquals(Instant.ofEpochMilli(written.get(0).timestamp()), Instant.parse(versions.getString("[0].validFrom")));
        assertEquals(versions.getString("[1].validFrom"), versions.getString("[0].validTo"));
        given().queryParam("consistentWith", token).queryParam("asOf", versions.getString("[0].validFrom"))
                .get("/store/products/" + productId).then().statusCode(200).body("priceCents", equalTo(1000));
    }

    /** Each version it says it combined held at the instant asked for. */
    private static void assertVersionsHeldAt(JsonPath answer, Instant at) {
        assertHeld(answer.getString("versions.customer.validFrom"), answer.getString("versions.customer.validTo"), at);
        List<Map<String, Object>> orders = answer.getList("versions.orders");
        assertEquals(answer.getList("orders.orderId"), orders.stream().map(order -> order.get("orderId")).toList());
        for (Map<String, Object> order : orders) {
            assertHeld((String) order.get("validFrom"), (String) order.get("validTo"), at);
        }
    }

    private static void assertHeld(String validFrom, String validTo, Instant at) {
        assertFalse(Instant.parse(validFrom).isAfter(at), validFrom + " is after " + at);
        assertTrue(validTo == null || Instant.parse(validTo).isAfter(at), validTo + " is not after " + at);
    }

    /** The live entry, once the view has caught up with {@code token}; then the instant after it answered. */
    private static Seen live(String customerId, String token) {
        Response response = given().queryParam("consistentWith", token).get("/store/customer-orders/" + customerId);
        Instant at = Instant.now();
        if (response.statusCode() != 200) {
            return new Seen(at, customerId, response.statusCode(), null, Set.of());
        }
        JsonPath body = response.jsonPath();
        return new Seen(at, customerId, 200, body.get("customer"), new HashSet<>(body.getList("orders")));
    }

    private static Response asOf(String customerId, Instant at, String token, Map<String, ?> page) {
        var request = given().queryParam("asOf", at.toString()).queryParam("consistentWith", token);
        if (page != null) {
            request.queryParams(page);
        }
        return request.get("/store/customer-orders/" + customerId);
    }

    private static Set<Object> orderIds(Set<Object> orders) {
        Set<Object> ids = new HashSet<>();
        orders.forEach(order -> ids.add(((Map<?, ?>) order).get("orderId")));
        return ids;
    }

    private static String post(String path, String body) {
        return Api.accepted(path, body).getString("token");
    }

    private static String delete(String path) {
        return given().delete(path).then().statusCode(202).extract().header("Consistency-Token");
    }
}
