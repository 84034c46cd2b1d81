package dev.eventviews.topology;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.errors.TopologyException;
import org.junit.jupiter.api.Test;

/** The views topology names every store and internal topic, and the builder refuses one that is not named. */
class ExplicitNamesTest {

    @Test
    void shouldRefuseAStoreWithAGeneratedName() {
        StreamsBuilder builder = ExplicitNames.requiredBy();
        builder.<String, String> stream("events").groupByKey().count();

        TopologyException refused = assertThrows(TopologyException.class, builder::build);
        assertTrue(refused.getMessage().contains("has not been named"), refused.getMessage());
    }

    @Test
    void shouldBuildTheViewsTopologyWithOnlyExplicitNames() {
        assertDoesNotThrow(() -> TestViews.topology(new PlainAvroSerdes()).build());
    }
}
