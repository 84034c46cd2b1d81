package dev.eventviews.read;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

import dev.eventviews.history.CustomerOrdersAsOf;
import dev.eventviews.history.HistoryEvent;
import dev.eventviews.history.HistoryQuery;
import dev.eventviews.history.LocalHistory;
import dev.eventviews.history.Version;
import dev.eventviews.http.InvalidParameterException;
import dev.eventviews.topology.Catalog;
import dev.eventviews.topology.Catalog.History;
import dev.eventviews.topology.Catalog.View;

/**
 * Every view read goes through here, and only here is it decided where it is answered: a key read on the instance
 * that owns the key (this one, or another through {@link Peers}); a list on every instance that holds part of the
 * view, its parts checked to cover every partition and merged in key order. {@code request} is the read's own
 * address, which another instance is asked with {@code ?scope=local}.
 * <p>
 * Reads of an entity's past (its events, its versions, the entity as of an instant) are routed like key reads,
 * with the entity id as the key; their local part is {@link LocalHistory}.
 */
@ApplicationScoped
public class ViewReads {

    @Inject
    InstanceDirectory directory;

    @Inject
    LocalStores stores;

    @Inject
    Peers peers;

    @Inject
    LocalHistory localHistory;

    /** The view's entry for a key, as it is now. */
    public <V> KeyLookup<V> find(View<V> view, String key, ReadOptions options, URI request) {
        return onOwner(view.name(), key, options, request, partition -> stores.find(view, key, partition, options));
    }

    /**
     * The view's entry as it was at {@code asOf}, from the versioned store of its entity (a 400 for a view that keeps
     * none, such as a derived one).
     */
    public <V> KeyLookup<V> asOf(View<V> view, String key, Instant asOf, ReadOptions options, URI request) {
        History<V> history = Catalog.historyOf(view).orElseThrow(() -> new InvalidParameterException("asOf",
                "is not available for the " + view.name() + " view, which keeps no versions"));
        return asOf(history, key, asOf, options, request);
    }

    /**
     * The entity as it was at {@code asOf}, from its versioned store: its event then. For an entity whose view holds
     * more than its events (the products' stock), that is the part that is versioned.
     */
    public <V> KeyLookup<V> asOf(History<V> history, String key, Instant asOf, ReadOptions options, URI request) {
        return onOwner(history.versions(), key, options, request,
                partition -> localHistory.asOf(history, key, asOf, partition, options));
    }

    /**
     * A customer's customer-orders entry as it was at {@code asOf}, with up to {@code limit} orders after
     * {@code afterOrderId}: from the customer's versions and those of the view's rows, in the customer's task.
     */
    public KeyLookup<CustomerOrdersAsOf> customerOrdersAsOf(String customerId, Instant asOf, String afterOrderId,
            int limit, ReadOptions options, URI request) {
        return onOwner(Catalog.CUSTOMER_ORDER_VERSIONS, customerId, options, request, partition -> localHistory
                .customerOrdersAsOf(customerId, asOf, afterOrderId, limit, partition, options));
    }

    /** The versions of one entity that held at some time in [{@code from}, {@code to}], oldest first. */
    public <V> KeyLookup<List<Version<V>>> versions(History<V> history, String key, Instant from, Instant to,
            ReadOptions options, URI request) {
        return onOwner(history.versions(), key, options, request,
                partition -> localHistory.versions(history, key, from, to, partition, options));
    }

    /** A page of one entity's events, from the history store. */
    public <V extends SpecificRecord> KeyLookup<Page<HistoryEvent>> events(History<V> history, HistoryQuery query,
            ReadOptions options, URI request) {
        return onOwner(history.history(), query.id(), options, request,
                partition -> localHistory.events(history, query, partition, options));
    }

    /**
     * Runs a read of one key's partition of {@code store} where that partition is: {@code local}, given the
     * partition, on this instance; else the same request on the instance that owns it (or a standby). Any store
     * keyed, or partitioned, by the entity id as a string works: the key lives on the same partition as the entity's
     * events. Ownership is decided first, so a forwarded read waits for its token only where the store is read.
     */
    public <R> KeyLookup<R> onOwner(String store, String key, ReadOptions options, URI request,
            IntFunction<KeyLookup<R>> local) {
        KeyQueryMetadata owner = directory.owner(store, key);
        if (!options.localOnly() && !directory.isHere(owner.activeHost())) {
            List<HostInfo> candidates = new ArrayList<>(List.of(owner.activeHost()));
            candidates.addAll(owner.standbyHosts());
            return peers.forward(candidates, request, options);
        }
        return local.apply(owner.partition());
    }

    /** A page of the whole view, or with local scope this instance's part and the partitions it covers. */
    public <V> ListPart<V> list(View<V> view, String after, int limit, ReadOptions options, URI request) {
        return onEveryInstance(view, view.valueType(), view.keyOf(), limit, options, request,
                () -> stores.list(view, after, limit, options));
    }

    /**
     * A key read of a view joined when it is read ({@link PartitionStores}), routed by {@code key} in {@code view}'s
     * partitions like {@link #find}: {@code read} runs on the partition that holds the key.
     */
    public <R> KeyLookup<R> findJoined(View<?> view, String key, ReadOptions options, URI request,
            Function<PartitionStores, Optional<R>> read) {
        return onOwner(view.name(), key, options, request,
                partition -> stores.findJoined(view, partition, options, read));
    }

    /**
     * A page of a view joined when it is read, listed like {@link #list}: {@code read} runs on every partition of
     * {@code view}, each giving its first items in {@code keyOf} order, and the pages are merged.
     */
    public <T> ListPart<T> listJoined(View<?> view, Class<T> itemType, Function<T, String> keyOf, int limit,
            ReadOptions options, URI request, Function<PartitionStores, Page<T>> read) {
        return onEveryInstance(view, itemType, keyOf, limit, options, request,
                () -> stores.listJoined(view, keyOf, limit, options, read));
    }

    /** This instance's part of a list, and with all scope the other instances' parts, checked and merged. */
    private <T> ListPart<T> onEveryInstance(View<?> view, Class<T> itemType, Function<T, String> keyOf, int limit,
            ReadOptions options, URI request, Supplier<ListPart<T>> local) {
        ListPart<T> here = local.get();
        if (options.localOnly()) {
            return here;
        }
        List<Page<T>> pages = new ArrayList<>(List.of(here.page()));
        Set<Integer> covered = new HashSet<>(here.partitions());
        for (ListPart<T> there : peers.pages(directory.otherInstances(view), request, options, itemType)) {
            pages.add(there.page());
            covered.addAll(there.partitions());
        }
        // A partition no instance could read (it is moving, or restoring) would be a silent gap in the list.
        if (covered.size() < directory.partitionCount(view)) {
            throw new ViewUnavailableException("Part of the " + view.name() + " view is moving between instances");
        }
        return new ListPart<>(Pages.merge(pages, keyOf, limit), covered);
    }

    /** The running instances, each as it reports itself; with local scope, this one only. */
    public List<Instance> instances(ReadOptions options, URI request) {
        List<Instance> instances = new ArrayList<>(List.of(directory.here()));
        if (!options.localOnly()) {
            for (HostInfo peer : directory.otherInstances()) {
                try {
                    instances.addAll(peers.instances(peer, request, options));
                } catch (ViewUnavailableException silent) {
                    instances.add(directory.seenFromHere(peer)); // what the group knows of it, without its lag
                }
            }
        }
        return instances;
    }

    public boolean isView(String name) {
        return InstanceDirectory.isView(name);
    }
}
