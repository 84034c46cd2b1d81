package dev.eventviews.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/** The fan-out of changes to subscribers: everyone gets every change of their view, and nobody waits for a laggard. */
class ViewChangesTest {

    @Test
    void shouldDeliverEveryChangeOfAViewToEachOfItsSubscribersInOrder() {
        ViewChanges changes = new ViewChanges(16);
        AssertSubscriber<ViewChange> first = changes.subscribe("customers").orElseThrow()
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        AssertSubscriber<ViewChange> second = changes.subscribe("customers").orElseThrow()
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        AssertSubscriber<ViewChange> otherView = changes.subscribe("orders").orElseThrow()
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        List<ViewChange> published = List.of(new ViewChange("c1", "Ada"), new ViewChange("c2", "Grace"),
                new ViewChange("c1", null));
        published.forEach(change -> changes.publish("customers", change));

        assertEquals(published, first.getItems());
        assertEquals(published, second.getItems());
        assertTrue(otherView.getItems().isEmpty());
    }

    @Test
    void shouldDisconnectASubscriberThatFallsBehindWithoutHoldingUpTheOthers() {
        ViewChanges changes = new ViewChanges(2);
        AssertSubscriber<ViewChange> stalled = changes.subscribe("orders").orElseThrow()
                .subscribe().withSubscriber(AssertSubscriber.create(0));
        AssertSubscriber<ViewChange> reading = changes.subscribe("orders").orElseThrow()
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        for (int i = 0; i < 5; i++) {
            changes.publish("orders", new ViewChange("o" + i, "order " + i));
        }

        assertEquals(5, reading.getItems().size());
        reading.assertNotTerminated();
        stalled.assertCompleted();
        assertTrue(stalled.getItems().isEmpty());
    }

    @Test
    void shouldEndEveryStreamOnShutdownSoThatClientsReconnectElsewhere() {
        ViewChanges changes = new ViewChanges(16);
        AssertSubscriber<ViewChange> subscriber = changes.subscribe("greetings").orElseThrow()
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        changes.close();

        subscriber.assertCompleted();
    }

    @Test
    void shouldTellWhetherAViewIsFollowedWhileSubscribersComeAndGo() {
        ViewChanges changes = new ViewChanges(16);
        assertFalse(changes.isFollowed("orders"));

        AssertSubscriber<ViewChange> subscriber = changes.subscribe("orders").orElseThrow()
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        assertTrue(changes.isFollowed("orders"));
        assertFalse(changes.isFollowed("customers"));

        subscriber.cancel();
        assertFalse(changes.isFollowed("orders"));
    }

    @Test
    void shouldStopCountingASubscriberDisconnectedForFallingBehind() {
        ViewChanges changes = new ViewChanges(1);
        AssertSubscriber<ViewChange> stalled = changes.subscribe("orders").orElseThrow()
                .subscribe().withSubscriber(AssertSubscriber.create(0));

        for (int i = 0; i < 3; i++) {
            changes.publish("orders", new ViewChange("o" + i, "order " + i));
        }

        stalled.assertCompleted();
        assertFalse(changes.isFollowed("orders"));
    }

    @Test
    void shouldHaveNoChangesForAViewThatDoesNotExist() {
        assertTrue(new ViewChanges(16).subscribe("no-such-view").isEmpty());
    }
}
