package dev.eventviews.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.restassured.RestAssured;

/** What the tests that run the packaged application share: its configuration, its directory, the HTTP client. */
final class Instances {

    private Instances() {
    }

    /**
     * The configuration of an instance against the test broker and registry, which the test classes share: each
     * class has its own application id, so their consumer groups, internal topics and views stay apart.
     * A restarted instance joins the consumer group as a new member and waits for the old one's session to expire:
     * 6 s here (the broker's minimum) instead of Kafka Streams' 45 s, so that a restart after a crash is quick.
     */
    static Map<String, String> config(Map<String, String> infrastructure, String applicationId,
            Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", infrastructure.get("kafka.bootstrap.servers"));
        config.put("apicurio.registry.url", infrastructure.get("apicurio.registry.url"));
        config.put("quarkus.kafka-streams.application-id", applicationId);
        config.put("kafka-streams.session.timeout.ms", "6000");
        config.put("kafka-streams.heartbeat.interval.ms", "1500");
        config.putAll(overrides);
        return config;
    }

    /** A fresh directory for the instances of one test class, kept afterwards for their logs. */
    static Path newDir(String name) {
        try {
            return Files.createTempDirectory(Files.createDirectories(Path.of("target", "it")), name + "-")
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points RestAssured (and so {@code Eventually}) at the instance. */
    static void talkTo(PackagedApp app) {
        RestAssured.baseURI = "http://localhost";
        RestAssured.port = app.port();
    }
}
