package dev.eventviews.kafka;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
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

import dev.eventviews.Api;
import dev.eventviews.Eventually;
import dev.eventviews.RealInfrastructure;
import dev.eventviews.events.Customer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The event schemas evolve under the registry's BACKWARD rule, which the service sets on start-up: a version that
 * adds an optional field is accepted, and events of both versions materialize; a version that old events could not
 * be read with is refused, with the reason.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class SchemaEvolutionTest {

    private static final String SUBJECT = "customers-value";
    private static final String SCHEMA_JSON = "application/vnd.schemaregistry.v1+json";

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
    void shouldSetTheBackwardRuleOnTheEventSubjects() {
        for (String subject : List.of("customers-value", "orders-value", "greetings-value")) {
            given().when().get(ccompat() + "/config/" + subject)
                    .then().statusCode(200).body("compatibilityLevel", equalTo("BACKWARD"));
        }
    }

    @Test
    void shouldMaterializeOldAndNewEventsAfterAnOptionalFieldIsAdded() throws Exception {
        String oldId = "v1-" + run;
        JsonPath old = Api.accepted("/events/customers", Api.customer(oldId, "Ada", "ada@example.com"));
        Schema v2 = withField(Customer.getClassSchema(), new Schema.Field("nickname",
                Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)), null,
                Schema.Field.NULL_DEFAULT_VALUE));
        int v2Id = register(v2).then().statusCode(200).extract().path("id");

        String newId = "v2-" + run;
        GenericRecord customer = new GenericData.Record(v2);
        customer.put("customerId", newId);
        customer.put("firstName", "Grace");
        customer.put("lastName", "Hopper");
        customer.put("email", "grace@example.com");
        customer.put("nickname", "Amazing Grace");
        try (var producer = new KafkaProducer<>(Map.<String, Object> of("bootstrap.servers", bootstrapServers),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("customers", newId, ConfluentFraming.frame(v2Id, customer))).get();
        }

        Eventually.found("/store/customers/" + newId).then().body("firstName", equalTo("Grace"));
        Eventually.found("/store/customers/" + oldId).then().body("firstName", equalTo("Ada"));
        GenericRecord oldReadAsV2 = readOldEventAs(v2, old);
        assertEquals(oldId, oldReadAsV2.get("customerId").toString());
        assertNull(oldReadAsV2.get("nickname"), "the new field takes its default in old events");
    }

    @Test
    void shouldRefuseAVersionThatCannotReadOldEvents() {
        Schema incompatible = withField(Customer.getClassSchema(),
                new Schema.Field("loyaltyPoints", Schema.create(Schema.Type.INT)));

        register(incompatible).then().statusCode(409).body("message", containsString("Incompatible"));
    }

    private Response register(Schema schema) {
        return given().contentType(SCHEMA_JSON).body(Map.of("schema", schema.toString()))
                .when().post(ccompat() + "/subjects/" + SUBJECT + "/versions");
    }

    /** A consumer upgraded to {@code reader} reads an event the service wrote with the schema it registered. */
    private GenericRecord readOldEventAs(Schema reader, JsonPath appended) throws Exception {
        byte[] value = TopicRecords.read(bootstrapServers, "customers", appended.getInt("partition"),
                appended.getLong("offset"));
        int writerId = ByteBuffer.wrap(value, 1, 4).getInt();
        String writer = given().when().get(ccompat() + "/schemas/ids/" + writerId)
                .then().statusCode(200).extract().path("schema");
        return new GenericDatumReader<GenericRecord>(new Schema.Parser().parse(writer), reader)
                .read(null, DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null));
    }

    private static Schema withField(Schema schema, Schema.Field added) {
        List<Schema.Field> fields = new ArrayList<>();
        schema.getFields().forEach(field -> fields.add(new Schema.Field(field, field.schema())));
        fields.add(added);
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    private String ccompat() {
        return registryUrl.replace("/apis/registry/v3", "/apis/ccompat/v7");
    }
}
