package dev.eventviews.kafka;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.eventviews.Eventually;
import dev.eventviews.RealInfrastructure;
import dev.eventviews.events.Customer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Confluent clients interoperate: records use the Confluent wire format (magic byte 0, 4-byte schema id, Avro
 * binary), and the registry's Confluent-compatible API (/apis/ccompat/v7) hands out and resolves the same ids.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class ConfluentCompatibilityTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "apicurio.registry.url")
    String registryUrl;

    @BeforeEach
    void viewsReady() {
        Eventually.ready();
    }

    @Test
    void shouldMaterializeARecordFramedByAConfluentProducer() throws Exception {
        int schemaId = given().contentType("application/vnd.schemaregistry.v1+json")
                .body(Map.of("schema", Customer.getClassSchema().toString()))
                .when().post(ccompat() + "/subjects/customers-value/versions")
                .then().statusCode(200).extract().path("id");
        String id = "confluent-" + run;
        Customer customer = new Customer(id, "Claude", "Shannon", "claude@example.com", null, null, null);

        try (var producer = new KafkaProducer<>(Map.<String, Object> of("bootstrap.servers", bootstrapServers),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("customers", id, ConfluentFraming.frame(schemaId, customer))).get();
        }

        Eventually.found("/store/customers/" + id).then()
                .body("firstName", equalTo("Claude"), "email", equalTo("claude@example.com"));
    }

    @Test
    void shouldLetAConfluentConsumerDecodeWhatTheServiceWrote() throws IOException {
        String id = "decoded-" + run;
        JsonPath appended = given().contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + id + "\",\"firstName\":\"Edsger\",\"lastName\":\"Dijkstra\","
                        + "\"email\":\"ewd@example.com\"}")
                .when().post("/events/customers").then().statusCode(202).extract().jsonPath();

        byte[] value = TopicRecords.read(bootstrapServers, "customers", appended.getInt("partition"),
                appended.getLong("offset"));
        ByteBuffer frame = ByteBuffer.wrap(value);
        assertEquals(0, frame.get(), "magic byte");
        int schemaId = frame.getInt();
        String schema = given().when().get(ccompat() + "/schemas/ids/" + schemaId)
                .then().statusCode(200).extract().path("schema");
        GenericRecord decoded = new GenericDatumReader<GenericRecord>(new Schema.Parser().parse(schema))
                .read(null, DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null));

        assertEquals(id, decoded.get("customerId").toString());
        assertEquals("Dijkstra", decoded.get("lastName").toString());
        assertEquals(null, decoded.get("phone"));
    }

    private String ccompat() {
        return registryUrl.replace("/apis/registry/v3", "/apis/ccompat/v7");
    }
}
