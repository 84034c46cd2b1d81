package dev.eventviews.cluster;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.eventviews.Api;
import dev.eventviews.Eventually;
import dev.eventviews.RealInfrastructure;
import dev.eventviews.events.Greeting;
import dev.eventviews.kafka.ConfluentFraming;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The broker or the schema registry goes away under the packaged application, and comes back. Writes answer 503
 * with Retry-After within the write timeout, reads go on from the local stores, and once the service is back,
 * writes and views resume without a restart of the application.
 */
class OutageIT {

    private static final Logger LOG = Logger.getLogger(OutageIT.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(3);
    /** Beyond the write timeout: an HTTP round trip and a loaded test machine. */
    private static final Duration ANSWER_BOUND = WRITE_TIMEOUT.plusSeconds(2);
    private static final Duration RECOVERY = Duration.ofSeconds(90);

    private static Map<String, String> infra;
    private static PackagedApp app;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startInstance() {
        infra = new RealInfrastructure().start();
        app = PackagedApp.start("app", Instances.newDir("outage"), Instances.config(infra, "outage-it",
                Map.of("eventviews.write-timeout", WRITE_TIMEOUT.toMillis() + "ms")));
        Instances.talkTo(app);
    }

    @AfterAll
    static void stopInstance() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void shouldAnswer503InTimeAndKeepReadingWhileTheBrokerIsDown() {
        String customerId = "broker-" + run;
        Api.accepted("/events/customers", Api.customer(customerId, "Ada", "ada@example.com"));
        Api.accepted("/events/orders", Api.order("before-" + run, customerId, "Loom"));
        Eventually.found("/store/customer-orders/" + customerId);

        RealInfrastructure.stopBroker();
        long slowest = 0;
        long restarted;
        try {
            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                post("/events/orders", Api.order("during-" + run + "-" + i, customerId, "Loom")).then()
                        .statusCode(503).header("Retry-After", "2").contentType("application/problem+json")
                        .body("title", equalTo("Event log unavailable"));
                slowest = Math.max(slowest, millisBetween(started, System.nanoTime()));
            }
            // A bulk write's items share one deadline: each is reported as not acknowledged, in the same bound.
            long bulkStarted = System.nanoTime();
            post("/events/orders", "[" + Api.order("bulk-a-" + run, customerId, "Loom") + ","
                    + Api.order("bulk-b-" + run, customerId, "Loom") + "]").then()
                    .statusCode(207).body("items.status", contains(503, 503), "accepted", equalTo(0));
            slowest = Math.max(slowest, millisBetween(bulkStarted, System.nanoTime()));
            get("/store/customers/" + customerId).then().statusCode(200).body("firstName", equalTo("Ada"));
            get("/store/customer-orders/" + customerId).then().statusCode(200);
            get("/q/health/live").then().statusCode(200);
        } finally {
            restarted = System.nanoTime();
            RealInfrastructure.restartBroker();
        }
        long brokerBack = System.nanoTime();
        String afterId = "after-" + run;
        await("writes accepted again").atMost(RECOVERY).pollInterval(Duration.ofMillis(500))
                .until(() -> post("/events/orders", Api.order(afterId, customerId, "Loom")).statusCode() == 202);
        long writesBack = System.nanoTime();
        Eventually.until("/store/customer-orders/" + customerId,
                response -> response.statusCode() == 200
                        && response.jsonPath().getList("orders.orderId").contains(afterId));
        LOG.infof("Broker outage: writes answered 503 in at most %d ms (write timeout %d ms); after the broker was"
                + " back (%d ms to start), writes were accepted after %d ms and the views caught up after %d ms",
                slowest, WRITE_TIMEOUT.toMillis(), millisBetween(restarted, brokerBack),
                millisBetween(brokerBack, writesBack), millisBetween(brokerBack, System.nanoTime()));
        assertTrue(slowest <= ANSWER_BOUND.toMillis(), "a write during the outage took " + slowest + " ms");
    }

    @Test
    void shouldWriteWithCachedSchemasAndRetryUnseenOnesWhileTheRegistryIsDown() throws Exception {
        String customerId = "registry-" + run;
        Api.accepted("/events/customers", Api.customer(customerId, "Grace", "grace@example.com"));
        // A greeting schema the service has not used yet: its serializer and the views must ask the registry.
        int greetingSchemaId = given().contentType("application/vnd.schemaregistry.v1+json")
                .body(Map.of("schema", Greeting.getClassSchema().toString()))
                .when().post(ccompat() + "/subjects/greetings-value/versions")
                .then().statusCode(200).extract().path("id");

        RealInfrastructure.stopRegistry();
        String duringId = "during-" + run;
        String greetingId = "outside-" + run;
        long refusedAfter;
        try {
            Api.accepted("/events/customers", Api.customer(duringId, "Edsger", "ewd@example.com"));
            long started = System.nanoTime();
            post("/events/greetings", "{\"message\":\"no schema yet\"}").then().statusCode(503)
                    .header("Retry-After", "2").contentType("application/problem+json")
                    .body("title", equalTo("Schema registry unavailable"));
            refusedAfter = millisBetween(started, System.nanoTime());
            produceGreeting(greetingSchemaId, greetingId);
        } finally {
            RealInfrastructure.restartRegistry();
        }
        long registryBack = System.nanoTime();
        Eventually.until("/store/greetings/" + greetingId, response -> response.statusCode() == 200);
        Eventually.found("/store/customers/" + duringId);
        post("/events/greetings", "{\"message\":\"schema again\"}").then().statusCode(202);
        LOG.infof("Registry outage: cached schemas kept writing; a write needing the registry got its 503 in %d ms;"
                + " a greeting with an unseen schema id reached the views %d ms after the registry was back",
                refusedAfter, millisBetween(registryBack, System.nanoTime()));
        assertTrue(refusedAfter <= ANSWER_BOUND.toMillis(), "the refusal took " + refusedAfter + " ms");
    }

    /** A greeting as another producer would write it, framed with a schema id the service has not seen. */
    private static void produceGreeting(int schemaId, String id) throws Exception {
        GenericRecord greeting = new GenericData.Record(Greeting.getClassSchema());
        greeting.put("id", id);
        greeting.put("message", "from elsewhere");
        greeting.put("createdAt", Instant.now().toEpochMilli());
        try (var producer = new KafkaProducer<>(
                Map.<String, Object> of("bootstrap.servers", infra.get("kafka.bootstrap.servers")),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("greetings", id, ConfluentFraming.frame(schemaId, greeting))).get();
        }
    }

    private static Response post(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path);
    }

    private static String ccompat() {
        return infra.get("apicurio.registry.url").replace("/apis/registry/v3", "/apis/ccompat/v7");
    }

    private static long millisBetween(long fromNanos, long toNanos) {
        return Duration.ofNanos(toNanos - fromNanos).toMillis();
    }
}
