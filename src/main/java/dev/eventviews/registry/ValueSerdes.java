package dev.eventviews.registry;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** Makes the value serde for an Avro type: the schema registry's in the application, a plain one in unit tests. */
public interface ValueSerdes {

    <V extends SpecificRecord> Serde<V> forType(Class<V> type);
}
