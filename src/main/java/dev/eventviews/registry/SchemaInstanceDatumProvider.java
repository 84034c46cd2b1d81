package dev.eventviews.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificRecord;

import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The Apicurio serde's datum provider, minus its per-record cost. The default caches Avro readers and writers by
 * the schema's parsing fingerprint, which it recomputes from the whole schema for every record serialized or
 * deserialized: in a profile of a view rebuild that was 40% of the CPU. The schema objects themselves are few and
 * long-lived (the generated classes' schemas, and those the registry client caches by id), so this remembers the
 * reader or writer per schema object and asks the default only for a schema object it has not seen.
 * <p>
 * Configured as {@code apicurio.registry.avro-datum-provider} for Kafka Streams ({@link RegistrySerdes}) and the
 * emitters ({@link EmitterDatumProvider}); the serde creates it by reflection.
 */
@RegisterForReflection
public class SchemaInstanceDatumProvider<T> extends DefaultAvroDatumProvider<T> {

    /**
     * More schema objects than this means the registry client hands out new copies of the same schemas (its cache
     * entries expire): start over rather than grow. The default's own cache still keeps the readers and writers.
     */
    private static final int MAX_SCHEMA_OBJECTS = 100;

    /**
     * A schema object, compared by identity (equal schemas would need the deep comparison this class avoids), and
     * for writers whether the data is a generated class, which picks the kind of writer.
     */
    private record Key(Schema schema, boolean specific) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.schema == schema && key.specific == specific;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(schema) * 31 + Boolean.hashCode(specific);
        }
    }

    private final Map<Key, DatumWriter<T>> writers = new ConcurrentHashMap<>();
    private final Map<Key, DatumReader<T>> readers = new ConcurrentHashMap<>();

    @Override
    public DatumWriter<T> createDatumWriter(T data, Schema schema) {
        return remembered(writers, new Key(schema, data instanceof SpecificRecord),
                () -> super.createDatumWriter(data, schema));
    }

    @Override
    public DatumReader<T> createDatumReader(Schema schema) {
        return remembered(readers, new Key(schema, false), () -> super.createDatumReader(schema));
    }

    private static <D> D remembered(Map<Key, D> cache, Key key, Supplier<D> create) {
        D known = cache.get(key);
        if (known != null) {
            return known;
        }
        if (cache.size() >= MAX_SCHEMA_OBJECTS) {
            cache.clear();
        }
        D created = create.get();
        cache.put(key, created);
        return created;
    }
}
