package dev.eventviews.topology;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.eventviews.checkout.CheckoutTopology;

/** What the read side and the metrics learn from the topology: where each store is, and what feeds it. */
class TopologyLayoutTest {

    private static final String APPLICATION_ID = "app";

    private final PlainAvroSerdes serdes = new PlainAvroSerdes();
    private final TopologyLayout layout = new TopologyLayout(new ViewsTopology(serdes, Duration.ofDays(1),
            Duration.ofDays(30), 6, new CheckoutTopology(serdes, Duration.ofSeconds(10))).build(), APPLICATION_ID);

    @Test
    void shouldFeedTheCustomerOrdersRowsFromTheOrdersThroughTheirRepartitionTopicAndFromTheCustomers() {
        Set<String> inputs = layout.inputTopicsOf(Catalog.CUSTOMER_ORDER_ROWS.name());

        assertTrue(inputs.containsAll(Set.of(Catalog.ORDERS, Catalog.CUSTOMERS,
                APPLICATION_ID + "-" + Catalog.ORDER_ROW_CHANGES.name() + "-repartition")), inputs.toString());
    }

    @Test
    void shouldFeedEveryViewFromItsOwnEventTopicAndNotFromTopicsOnlyWrittenToOrReadElsewhere() {
        for (Catalog.View<?> view : Catalog.VIEWS) {
            Set<String> inputs = layout.inputTopicsOf(view.name());
            if (!view.derived()) {
                assertTrue(inputs.contains(view.source().name()), view.name() + " <- " + inputs);
            }
            assertFalse(inputs.contains(Catalog.DEAD_LETTERS), view.name() + " <- " + inputs);
            assertFalse(inputs.stream().anyMatch(topic -> topic.contains(Catalog.FIRST_ANSWERS.name())),
                    "a global store's topic is read by every instance's global thread, not by the tasks: " + inputs);
        }
    }
}
