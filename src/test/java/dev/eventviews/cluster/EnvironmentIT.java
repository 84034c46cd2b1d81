package dev.eventviews.cluster;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.eventviews.Api;
import dev.eventviews.RealInfrastructure;
import dev.eventviews.topology.Catalog;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;

/**
 * The packaged application configured by environment variables only, as a container is: every variable of
 * docs/configuration.md's table reaches its component, each checked by what it changes. Settings without a cheap
 * observable effect (timeouts of failures, buffers, memory, standbys on a single instance) are checked by a start
 * that a bad value makes fail: the error names the property, so the variable reached it.
 */
class EnvironmentIT {

    private static final String ISSUER = "https://issuer.environment.test";
    private static final String ORIGIN = "https://app.environment.test";

    private static Map<String, String> infrastructure;
    private static Path dir;
    private static String applicationId;
    private static Path stateDir;
    private static int port;
    private static PackagedApp app;

    @BeforeAll
    static void startWithEnvironmentOnly() throws Exception {
        infrastructure = new RealInfrastructure().start();
        dir = Instances.newDir("environment");
        applicationId = "environment-it-" + UUID.randomUUID().toString().substring(0, 8);
        stateDir = dir.resolve("state");
        port = PackagedApp.freePort();
        // A topic the instance creates now, so that partitions and replication factor show.
        try (Admin admin = admin()) {
            admin.deleteTopics(List.of(Catalog.DEAD_LETTERS)).all().toCompletionStage()
                    .exceptionally(absent -> null).toCompletableFuture().get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(Catalog.DEAD_LETTERS)
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
        }
        Map<String, String> environment = new HashMap<>(connection());
        environment.putAll(Map.ofEntries(
                Map.entry("QUARKUS_HTTP_PORT", Integer.toString(port)),
                Map.entry("EVENTVIEWS_ADVERTISED_HOST", "127.0.0.1"),
                Map.entry("QUARKUS_KAFKA_STREAMS_APPLICATION_ID", applicationId),
                Map.entry("KAFKA_STREAMS_STATE_DIR", stateDir.toString()),
                Map.entry("KAFKA_STREAMS_NUM_STREAM_THREADS", "2"),
                Map.entry("EVENTVIEWS_TOPICS_CREATE", "true"),
                Map.entry("EVENTVIEWS_TOPICS_PARTITIONS", "3"),
                Map.entry("EVENTVIEWS_TOPICS_REPLICATION_FACTOR", "1"),
                Map.entry("EVENTVIEWS_QUERY_CONSISTENCY_TIMEOUT", "1s"),
                Map.entry("EVENTVIEWS_SCHEMA_COMPATIBILITY", "FULL"),
                Map.entry("EVENTVIEWS_SECURE_WRITES", "true"),
                Map.entry("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "file:"
                        + Path.of("target", "test-classes", "jwt", "test-verification-key.pem").toAbsolutePath()),
                Map.entry("MP_JWT_VERIFY_ISSUER", ISSUER),
                Map.entry("QUARKUS_HTTP_CORS_ORIGINS", ORIGIN),
                Map.entry("QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE", "1K"),
                Map.entry("EVENTVIEWS_BULK_MAX_ITEMS", "2")));
        app = PackagedApp.startWithEnvironment("app", dir, port, environment);
        Instances.talkTo(app);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    /** Ready means the views run on the broker given, and the registry given answers. */
    @Test
    void shouldReachTheBrokerAndTheRegistryGiven() {
        get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Schema registry' }.data.url",
                        equalTo(infrastructure.get("apicurio.registry.url")))
                .body("checks.find { it.name == 'Views queryable' }.data.state", equalTo("RUNNING"));
    }

    @Test
    void shouldRunKafkaStreamsAsTheVariablesSay() {
        assertEquals(port, app.port(), "QUARKUS_HTTP_PORT: it answers there");
        get("/store/instances").then().statusCode(200)
                .body("[0].host", equalTo("127.0.0.1"), "[0].port", equalTo(port), "[0].streamThreads", equalTo(2));
        assertTrue(Files.isDirectory(stateDir.resolve(applicationId)),
                "KAFKA_STREAMS_STATE_DIR holds the state of QUARKUS_KAFKA_STREAMS_APPLICATION_ID");
    }

    @Test
    void shouldCreateMissingTopicsWithThePartitionsAndReplicationGiven() throws Exception {
        try (Admin admin = admin()) {
            TopicDescription deadLetters = admin.describeTopics(Set.of(Catalog.DEAD_LETTERS)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(Catalog.DEAD_LETTERS);
            assertEquals(3, deadLetters.partitions().size());
            assertEquals(1, deadLetters.partitions().get(0).replicas().size());
        }
    }

    @Test
    void shouldTimeOutAConsistentReadAfterTheTimeoutGiven() {
        long start = System.nanoTime();
        // A list reads every partition, so it waits for partition 0 to reach the token, which it never does.
        get("/store/customers?consistentWith=customers:0:999999999").then().statusCode(504);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis >= 900 && millis < 5_000, "EVENTVIEWS_QUERY_CONSISTENCY_TIMEOUT=1s, took " + millis + " ms");
    }

    @Test
    void shouldSetTheCompatibilityRuleGiven() {
        String registry = infrastructure.get("apicurio.registry.url").replace("/apis/registry/v3", "/apis/ccompat/v7");
        given().get(registry + "/config/" + Catalog.CUSTOMERS + "-value").then().statusCode(200)
                .body("compatibilityLevel", equalTo("FULL"));
    }

    @Test
    void shouldSecureWritesWithTheKeyAndIssuerGiven() {
        String customer = Api.customer("env-" + UUID.randomUUID(), "Ada", "ada@example.com");
        given().contentType(ContentType.JSON).body(customer).post("/events/customers").then().statusCode(401);
        given().contentType(ContentType.JSON).body(customer).auth().oauth2(token("https://another.issuer"))
                .post("/events/customers").then().statusCode(401);
        given().contentType(ContentType.JSON).body(customer).auth().oauth2(token(ISSUER))
                .post("/events/customers").then().statusCode(202);
    }

    @Test
    void shouldLetTheOriginGivenCallFromABrowser() {
        given().header("Origin", ORIGIN).header("Access-Control-Request-Method", "POST")
                .options("/events/customers").then().statusCode(200)
                .header("Access-Control-Allow-Origin", ORIGIN);
    }

    @Test
    void shouldLimitBodiesAndBulkWritesAsGiven() {
        String customer = Api.customer("env-limit", "Ada", "ada@example.com");
        given().contentType(ContentType.JSON).auth().oauth2(token(ISSUER))
                .body("[" + customer + "," + customer + "," + customer + "]")
                .post("/events/customers").then().statusCode(413)
                .body("detail", containsString("at most 2 items"));
        given().contentType(ContentType.JSON).auth().oauth2(token(ISSUER))
                .body("{\"message\":\"" + "x".repeat(2_000) + "\"}")
                // 2,000 bytes are far under the default limit (64 KiB): only the variable's 1K refuses them
                .post("/events/greetings").then().statusCode(413);
    }

    /**
     * The settings with no cheap effect to watch: a bad value for each stops the start, and the error names the
     * property that the variable set.
     */
    @Test
    void shouldRefuseToStartOnABadValueOfAnyOtherVariable() {
        Map<String, String> bad = Map.of(
                "eventviews.write-timeout", "EVENTVIEWS_WRITE_TIMEOUT",
                "eventviews.query.forward-timeout", "EVENTVIEWS_QUERY_FORWARD_TIMEOUT",
                "eventviews.idempotency-key-retention", "EVENTVIEWS_IDEMPOTENCY_KEY_RETENTION",
                "eventviews.live.client-buffer", "EVENTVIEWS_LIVE_CLIENT_BUFFER",
                "eventviews.rocksdb.memory", "EVENTVIEWS_ROCKSDB_MEMORY",
                "eventviews.history.retention", "EVENTVIEWS_HISTORY_RETENTION",
                "quarkus.shutdown.timeout", "QUARKUS_SHUTDOWN_TIMEOUT",
                "quarkus.shutdown.delay", "QUARKUS_SHUTDOWN_DELAY");
        Map<String, String> environment = new HashMap<>(connection());
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(PackagedApp.freePort()));
        bad.values().forEach(variable -> environment.put(variable, "not-a-value"));

        String log = PackagedApp.refusedStart("bad-values", dir, environment);

        bad.keySet().forEach(property -> assertTrue(log.contains(property), property + " in the start's error"));
    }

    /** Kafka Streams checks its settings when it is created: a bad standby count stops the start there. */
    @Test
    void shouldRefuseToStartOnABadKafkaStreamsValue() {
        Map<String, String> environment = new HashMap<>(connection());
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(PackagedApp.freePort()));
        environment.put("QUARKUS_KAFKA_STREAMS_APPLICATION_ID", applicationId + "-bad");
        environment.put("KAFKA_STREAMS_STATE_DIR", dir.resolve("bad-streams-state").toString());
        environment.put("KAFKA_STREAMS_NUM_STANDBY_REPLICAS", "not-a-number");

        String log = PackagedApp.refusedStart("bad-streams-value", dir, environment);

        assertTrue(log.contains("num.standby.replicas"), "KAFKA_STREAMS_NUM_STANDBY_REPLICAS reached Kafka Streams");
    }

    private static Map<String, String> connection() {
        return Map.of("KAFKA_BOOTSTRAP_SERVERS", infrastructure.get("kafka.bootstrap.servers"),
                "APICURIO_REGISTRY_URL", infrastructure.get("apicurio.registry.url"),
                "KAFKA_STREAMS_SESSION_TIMEOUT_MS", "6000");
    }

    private static Admin admin() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.get("kafka.bootstrap.servers"));
        return Admin.create(config);
    }

    private static String token(String issuer) {
        return Jwt.issuer(issuer).upn("environment").groups(Set.of("writer")).expiresIn(Duration.ofMinutes(5))
                .sign("jwt/test-signing-key.pem");
    }
}
