package dev.eventviews.live;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.eventviews.config.EventViewsConfig;
import dev.eventviews.topology.Catalog;
import dev.eventviews.topology.Catalog.View;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.BackPressureFailure;

/**
 * Fans the changes of each view out to its current subscribers. Publishing never waits for a subscriber: each one
 * has its own bounded buffer, and one that lets it fill up is dropped.
 */
@Singleton
public class ViewChanges {

    private static final Logger LOG = Logger.getLogger(ViewChanges.class);

    private final Map<String, BroadcastProcessor<ViewChange>> byView = Catalog.VIEWS.stream()
            .collect(Collectors.toUnmodifiableMap(View::name, view -> BroadcastProcessor.create()));
    private final Map<String, AtomicInteger> subscribers = Catalog.VIEWS.stream()
            .collect(Collectors.toUnmodifiableMap(View::name, view -> new AtomicInteger()));
    private final int clientBuffer;

    @Inject
    ViewChanges(EventViewsConfig config) {
        this(config.live().clientBuffer());
    }

    ViewChanges(int clientBuffer) {
        this.clientBuffer = clientBuffer;
    }

    /** The changes to a view from now on; empty when no view has that name. */
    public Optional<Multi<ViewChange>> subscribe(String view) {
        return Optional.ofNullable(byView.get(view)).map(changes -> changes
                .onOverflow().buffer(clientBuffer)
                .onFailure(BackPressureFailure.class).invoke(slow -> LOG.infof(
                        "Disconnected a subscriber to the %s changes that fell %d changes behind", view, clientBuffer))
                .onFailure(BackPressureFailure.class).recoverWithCompletion()
                .onSubscription().invoke(() -> {
                    subscribers.get(view).incrementAndGet();
                    LOG.debugf("A subscriber to the %s changes came", view);
                })
                .onTermination().invoke(() -> {
                    subscribers.get(view).decrementAndGet();
                    LOG.debugf("A subscriber to the %s changes left", view);
                }));
    }

    /**
     * Whether anyone follows the view's changes now: a change nobody follows need not be read (deserialized) at all,
     * which matters when a load or a rebuild changes millions of entries.
     */
    boolean isFollowed(String view) {
        return subscribers.get(view).get() > 0;
    }

    /** Called from one thread only (the changelog reader's), as the processors require. */
    void publish(String view, ViewChange change) {
        byView.get(view).onNext(change);
    }

    /** Ends every stream, so that clients reconnect (to another instance, or to this one after a live reload). */
    @PreDestroy
    void close() {
        byView.values().forEach(BroadcastProcessor::onComplete);
    }
}
