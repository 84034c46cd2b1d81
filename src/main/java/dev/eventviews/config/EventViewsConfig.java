package dev.eventviews.config;

import java.nio.file.Path;
import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every {@code eventviews.*} setting, with its default: the one place where they are declared. Each can also be set
 * as an environment variable ({@code eventviews.write-timeout} as {@code EVENTVIEWS_WRITE_TIMEOUT}).
 */
@ConfigMapping(prefix = "eventviews")
public interface EventViewsConfig {

    /**
     * How long a write may wait for the broker (or the registry) before the client gets a 503. The emitters'
     * producer gives a record up at the same time; its request and metadata waits are half of it.
     */
    @WithDefault("5s")
    Duration writeTimeout();

    /** How long a write's Idempotency-Key is remembered. */
    @WithDefault("24h")
    Duration idempotencyKeyRetention();

    /** The registry's compatibility rule for the event subjects: BACKWARD, FULL, ...; NONE sets no rule. */
    @WithDefault("BACKWARD")
    String schemaCompatibility();

    /**
     * Writes need a bearer token whose "groups" claim contains "writer"; reads stay open. Read by
     * {@code quarkus.http.auth.permission.writes.enabled} in application.properties.
     */
    @WithDefault("false")
    boolean secureWrites();

    /**
     * The host name under which other instances reach this one (with the HTTP port, Kafka Streams'
     * {@code application.server}); read in application.properties.
     */
    @WithDefault("localhost")
    String advertisedHost();

    Bulk bulk();

    Query query();

    Live live();

    Topics topics();

    RocksDb rocksdb();

    DevServices devServices();

    History history();

    Checkout checkout();

    interface Bulk {

        /** The most events one bulk write (JSON array or NDJSON) may carry; 413 above it. */
        @WithDefault("200")
        int maxItems();
    }

    /** Bounds on how long reads wait. */
    interface Query {

        /** The longest a read with a consistency token waits for the view before answering 504. */
        @WithDefault("10s")
        Duration consistencyTimeout();

        /** Timeout of a read forwarded to another instance (added to the read's own wait). */
        @WithDefault("5s")
        Duration forwardTimeout();
    }

    /** How the live change feed treats its subscribers. */
    interface Live {

        /**
         * Changes held for one subscriber that reads more slowly than the views change. A subscriber that falls
         * further behind is disconnected (a browser reconnects and reloads the view) so that it never holds up the
         * others.
         */
        @WithDefault("256")
        int clientBuffer();
    }

    /** How the event topics are created when they are missing. */
    interface Topics {

        /** Create missing event topics on start-up. Turn off where topics are managed elsewhere. */
        @WithDefault("true")
        boolean create();

        /** Partitions per event topic: the most instances that can share the work. */
        @WithDefault("6")
        int partitions();

        /** Replication factor; -1 takes the broker's default.replication.factor. */
        @WithDefault("-1")
        short replicationFactor();
    }

    interface RocksDb {

        /** One off-heap budget for all the views' RocksDB stores: block cache and memtables. */
        @WithDefault("32M")
        MemorySize memory();
    }

    /** The checkout saga. */
    interface Checkout {

        /** How long a checkout waits for one step's answer before it is rejected and compensated. */
        @WithDefault("10s")
        Duration stepTimeout();
    }

    /** Entity histories and as-of reads. */
    interface History {

        /** How far back histories and as-of reads go; a read further back answers 410 Gone. */
        @WithDefault("30d")
        Duration retention();
    }

    /** The broker and registry that dev mode starts when none answers (devservices.LocalInfrastructure). */
    interface DevServices {

        /** Where the started services keep their data and logs; kept across dev sessions. */
        @WithDefault("target/dev-services")
        Path dir();

        /** Where the build staged the broker's classpath and the registry distribution. */
        @WithDefault("target/local-infra")
        Path stagingDir();
    }
}
