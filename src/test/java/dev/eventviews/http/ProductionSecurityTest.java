package dev.eventviews.http;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.apache.kafka.streams.StreamsConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.eventviews.Eventually;
import dev.eventviews.RealInfrastructure;
import dev.eventviews.kafka.EndOffsets;
import dev.eventviews.topology.Catalog;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;

/**
 * The service configured as in production: writes need a writer's bearer token, reads stay open, browsers from a
 * listed origin only, and the Kafka security settings reach every Kafka client (a SASL mechanism and a truststore
 * type stand for the whole family; with PLAINTEXT they are inert, so the test broker still answers).
 */
@QuarkusTest
@TestProfile(ProductionSecurityTest.SecuredWrites.class)
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class ProductionSecurityTest {

    private static final String ISSUER = "https://issuer.test";
    private static final String APP_ORIGIN = "https://app.example";

    public static class SecuredWrites implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "eventviews.secure-writes", "true",
                    "mp.jwt.verify.publickey.location", "jwt/test-verification-key.pem",
                    "mp.jwt.verify.issuer", ISSUER,
                    "smallrye.jwt.sign.key.location", "jwt/test-signing-key.pem",
                    "quarkus.http.cors.origins", APP_ORIGIN,
                    "kafka.security.protocol", "PLAINTEXT",
                    "kafka.sasl.mechanism", "SCRAM-SHA-512",
                    "kafka.ssl.truststore.type", "PKCS12");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    StreamsConfig streamsConfig;

    @Inject
    KafkaClientService kafkaClients;

    @BeforeEach
    void viewsReady() {
        Eventually.ready();
    }

    @Test
    void shouldAcceptAWriteWithAWritersToken() {
        greeting().auth().oauth2(token(Set.of("writer"))).when().post("/events/greetings").then().statusCode(202);
    }

    @Test
    void shouldRefuseWritesWithoutAValidWritersTokenAndWriteNothing() throws Exception {
        long before = EndOffsets.total(bootstrapServers, Catalog.GREETINGS);

        greeting().when().post("/events/greetings").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer").contentType("application/problem+json");
        given().when().delete("/events/orders/o1").then().statusCode(401);
        greeting().auth().oauth2(token(Set.of("reader"))).when().post("/events/greetings").then().statusCode(403)
                .contentType("application/problem+json").body("title", equalTo("Forbidden"));
        var otherKey = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        String forged = Jwt.issuer(ISSUER).upn("mallory").groups(Set.of("writer")).sign(otherKey);
        greeting().auth().oauth2(forged).when().post("/events/greetings").then().statusCode(401);
        String expired = Jwt.issuer(ISSUER).upn("late").groups(Set.of("writer"))
                .issuedAt(Instant.now().minus(Duration.ofHours(2))).expiresAt(Instant.now().minus(Duration.ofHours(1)))
                .sign();
        greeting().auth().oauth2(expired).when().post("/events/greetings").then().statusCode(401)
                .body("detail", equalTo("Writes need a valid bearer token"));

        assertEquals(before, EndOffsets.total(bootstrapServers, Catalog.GREETINGS));
    }

    @Test
    void shouldLeaveReadsOpen() {
        get("/store/greetings").then().statusCode(200);
        get("/events/customers/anyone").then().statusCode(200);
    }

    @Test
    void shouldLetOnlyListedOriginsCallFromABrowser() {
        preflight(APP_ORIGIN).then().statusCode(200)
                .header("Access-Control-Allow-Origin", APP_ORIGIN)
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Idempotency-Key"));
        preflight("https://elsewhere.example").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }

    /** The lists that docs/operating.md (Security, CORS) states, header by header. */
    @Test
    void shouldAllowAndExposeTheDocumentedHeaders() {
        String allowed = given().header("Origin", APP_ORIGIN).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,idempotency-key,authorization,consistency-token")
                .when().options("/events/greetings").then().statusCode(200).extract()
                .header("Access-Control-Allow-Headers").toLowerCase();
        for (String header : List.of("Content-Type", "Idempotency-Key", "Authorization", "Consistency-Token")) {
            assertTrue(allowed.contains(header.toLowerCase()), header + " in " + allowed);
        }
        String exposed = given().header("Origin", APP_ORIGIN).get("/store/greetings").then().statusCode(200)
                .extract().header("Access-Control-Expose-Headers");
        for (String header : List.of("Location", "Retry-After", "Consistency-Token", "Answered-By", "Standby-Lag")) {
            assertTrue(exposed.contains(header), header + " in " + exposed);
        }
    }

    @Test
    void shouldPassKafkaSecuritySettingsToEveryKafkaClient() {
        Map<String, Object> streams = streamsConfig.originals();
        assertEquals("SCRAM-SHA-512", streams.get("sasl.mechanism"), "Kafka Streams");
        assertEquals("PKCS12", streams.get("ssl.truststore.type"), "Kafka Streams");
        for (String channel : Catalog.EVENT_TOPICS) {
            Map<String, ?> producer = kafkaClients.getProducer(channel).configuration();
            assertEquals("SCRAM-SHA-512", producer.get("sasl.mechanism"), "emitter " + channel);
            assertEquals("PKCS12", producer.get("ssl.truststore.type"), "emitter " + channel);
        }
    }

    private static RequestSpecification greeting() {
        return given().contentType(ContentType.JSON).body("{\"message\":\"secured\"}");
    }

    private static Response preflight(String origin) {
        return given().header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,idempotency-key")
                .when().options("/events/greetings");
    }

    private static String token(Set<String> groups) {
        return Jwt.issuer(ISSUER).upn("alice").groups(groups).sign();
    }
}
