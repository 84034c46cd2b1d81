package dev.eventviews.read;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Who this instance is to the others: Kafka Streams' {@code application.server} (host and port), read from the
 * configuration Kafka Streams runs with, so that it is exactly what the group's metadata names.
 */
@ApplicationScoped
public class ThisInstance {

    private final HostInfo hostInfo;

    @Inject
    ThisInstance(StreamsConfig streamsConfig) {
        this.hostInfo = HostInfo.buildFromEndpoint(streamsConfig.getString(StreamsConfig.APPLICATION_SERVER_CONFIG));
    }

    public HostInfo hostInfo() {
        return hostInfo;
    }

    /** {@code host:port}, as the {@code Answered-By} header gives it. */
    public String address() {
        return hostInfo.host() + ":" + hostInfo.port();
    }
}
