package dev.eventviews.rest;

import jakarta.inject.Singleton;

import org.apache.avro.specific.SpecificRecordBase;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import dev.eventviews.events.Customer;
import dev.eventviews.events.Greeting;
import dev.eventviews.events.Order;
import dev.eventviews.views.CustomerOrder;
import dev.eventviews.views.CustomerOrders;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * JSON on the wire: Avro records are written as their fields (not their schema), and text fields refuse numbers and
 * booleans, so {@code "firstName": 42} is a 400 rather than the string "42".
 */
@Singleton
@RegisterForReflection(targets = { Customer.class, Order.class, Greeting.class, CustomerOrder.class,
        CustomerOrders.class })
public class JsonConfig implements ObjectMapperCustomizer {

    @JsonIgnoreProperties({ "schema", "specificData" })
    interface AvroRecordMixin {
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.addMixIn(SpecificRecordBase.class, AvroRecordMixin.class);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }
}
