package dev.eventviews.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.eventviews.Api;
import dev.eventviews.Eventually;
import dev.eventviews.RealInfrastructure;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * A record that cannot be deserialized goes to the dead-letter topic, with why (exception class and message) and
 * whence (topic, partition, offset), and the views go on.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class PoisonPillTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @BeforeEach
    void viewsReady() {
        Eventually.ready();
    }

    @Test
    void shouldMoveGarbageToTheDeadLetterTopicAndKeepUpdatingTheViews() throws Exception {
        String poisonKey = "poison-" + run;
        RecordMetadata poison;
        try (var producer = new KafkaProducer<>(Map.<String, Object> of("bootstrap.servers", bootstrapServers),
                new StringSerializer(), new ByteArraySerializer())) {
            poison = producer.send(new ProducerRecord<>("orders", poisonKey, "not avro at all".getBytes(UTF_8)))
                    .get();
        }
        String customerId = "after-poison-" + run;
        RestAssured.given().contentType(ContentType.JSON)
                .body(Api.customer(customerId, "Ada", "ada@example.com"))
                .post("/events/customers").then().statusCode(202);
        RestAssured.given().contentType(ContentType.JSON)
                .body(Api.order("after-poison-" + run, customerId, "Loom"))
                .post("/events/orders").then().statusCode(202);

        Eventually.found("/store/customer-orders/" + customerId);
        ConsumerRecord<String, byte[]> deadLetter = deadLetter(poisonKey);
        assertEquals("not avro at all", new String(deadLetter.value(), UTF_8));
        assertEquals("orders", header(deadLetter, "__streams.errors.topic"));
        assertEquals(Integer.toString(poison.partition()), header(deadLetter, "__streams.errors.partition"));
        assertEquals(Long.toString(poison.offset()), header(deadLetter, "__streams.errors.offset"));
        assertTrue(header(deadLetter, "__streams.errors.exception").matches("([a-z]\\w*\\.)+\\w*Exception"),
                "the exception's class name: " + header(deadLetter, "__streams.errors.exception"));
        String message = header(deadLetter, "__streams.errors.message");
        assertTrue(message != null && !message.isBlank() && !message.equals("null"), "why: " + message);
    }

    private ConsumerRecord<String, byte[]> deadLetter(String key) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object> of("bootstrap.servers", bootstrapServers,
                "group.id", "dead-letter-reader-" + run, "auto.offset.reset", "earliest"), new StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of("dead-letters"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("No dead letter with key " + key);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), UTF_8);
    }
}
