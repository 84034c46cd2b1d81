package dev.eventviews.http;

import jakarta.inject.Singleton;

import org.apache.avro.specific.SpecificRecordBase;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import dev.eventviews.checkout.Account;
import dev.eventviews.checkout.AccountView;
import dev.eventviews.checkout.Checkout;
import dev.eventviews.checkout.CheckoutEvent;
import dev.eventviews.checkout.CheckoutLine;
import dev.eventviews.checkout.ProductStock;
import dev.eventviews.checkout.ProductView;
import dev.eventviews.checkout.StockAdjustment;
import dev.eventviews.events.Customer;
import dev.eventviews.events.Greeting;
import dev.eventviews.events.Order;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * JSON on the wire: Avro records are written as their fields (not their schema), text fields refuse numbers and
 * booleans, so {@code "firstName": 42} is a 400 rather than the string "42", and whole-number fields refuse
 * fractions.
 * <p>
 * Request bodies are flat objects of short text fields, so the parser refuses early (a 400) what no valid body has:
 * deep nesting, long numbers, long field names, and a field given twice (which would silently keep the last).
 * Strings are bounded by the body size ({@code quarkus.http.limits.max-body-size}), then field by field.
 */
@Singleton
@RegisterForReflection(targets = { Customer.class, Order.class, Greeting.class, Checkout.class, CheckoutLine.class,
        CheckoutEvent.class, ProductStock.class, StockAdjustment.class, Account.class, ProductView.class,
        AccountView.class })
public class JsonConfig implements ObjectMapperCustomizer {

    @JsonIgnoreProperties({ "schema", "specificData" })
    interface AvroRecordMixin {
    }

    static final int MAX_NESTING_DEPTH = 10;
    static final int MAX_NUMBER_LENGTH = 30;
    static final int MAX_NAME_LENGTH = 100;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxNameLength(MAX_NAME_LENGTH)
                .build());
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.addMixIn(SpecificRecordBase.class, AvroRecordMixin.class);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        // A count or an amount in cents is whole: 10.5 is a 400, not 10.
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    }
}
