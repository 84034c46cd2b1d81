package dev.eventviews.bench;

import java.nio.file.Path;
import java.util.Map;

import dev.eventviews.bench.load.EventProducer;
import dev.eventviews.bench.load.Http;
import dev.eventviews.bench.kafka.ConsumerLag;
import dev.eventviews.cluster.PackagedApp;

/**
 * What every figure measures with: the application under test (a separate prod-mode process), a client for its
 * HTTP API, a producer straight to the broker, and the broker and registry addresses.
 *
 * @param appConfig the configuration the application runs with, for starting another instance
 * @param workDir where application instances keep their state and logs
 */
public record BenchContext(Scale scale, PackagedApp app, Http http, EventProducer producer, ConsumerLag lag,
        String bootstrapServers, String registryUrl, Map<String, String> appConfig, Path workDir) {
}
