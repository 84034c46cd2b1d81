package dev.eventviews.write;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.eventviews.config.EventViewsConfig;
import dev.eventviews.http.FieldErrors;

/**
 * Reads write bodies into requests: a single event, whose first problem fails the request, or the items of a bulk
 * write (a JSON array or NDJSON lines), each read and validated on its own so that one bad item fails alone.
 */
@ApplicationScoped
public class RequestBodies {

    public static final String BODY_REQUIRED = "a JSON body is required";

    @Inject
    ObjectMapper mapper;

    @Inject
    Validator validator;

    /** Bounds the work and the memory one request can ask for (the body-size limit bounds the bytes). */
    @Inject
    EventViewsConfig config;

    /** One item of a bulk write: a valid request, or the result that says why it is not one. */
    record Item<T>(T request, ItemResult rejection) {
    }

    /** A single event: a body that does not fit is a 400 naming the fields (through the problem mappers). */
    <T> T one(JsonNode body, Class<T> type) throws JsonProcessingException {
        T request = mapper.treeToValue(body, type);
        if (request == null) {
            throw new BadRequestException(BODY_REQUIRED);
        }
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return request;
    }

    /** The elements of a JSON array. */
    <T> List<Item<T>> elements(JsonNode array, Class<T> type) {
        checkCount(array.size());
        List<Item<T>> items = new ArrayList<>(array.size());
        array.forEach(element -> items.add(item(element, type)));
        return items;
    }

    /** NDJSON: one JSON object per line; blank lines are skipped, a line that is not JSON fails alone. */
    <T> List<Item<T>> lines(String body, Class<T> type) {
        List<String> lines = body.lines().filter(line -> !line.isBlank()).toList();
        checkCount(lines.size());
        // A line must hold exactly one JSON value: "{...}{...}" is malformed, not its first object.
        ObjectReader lineReader = mapper.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        List<Item<T>> items = new ArrayList<>(lines.size());
        for (String line : lines) {
            try {
                items.add(item(lineReader.readTree(line), type));
            } catch (JsonProcessingException e) {
                items.add(rejected(ItemResult.malformed()));
            }
        }
        return items;
    }

    private <T> Item<T> item(JsonNode node, Class<T> type) {
        T request;
        try {
            request = mapper.treeToValue(node, type);
        } catch (MismatchedInputException e) {
            return rejected(FieldErrors.of(e).map(error -> ItemResult.invalid(List.of(error)))
                    .orElseGet(ItemResult::malformed));
        } catch (JsonProcessingException e) {
            return rejected(ItemResult.malformed());
        }
        if (request == null) {
            return rejected(ItemResult.malformed());
        }
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        return violations.isEmpty() ? new Item<>(request, null)
                : rejected(ItemResult.invalid(FieldErrors.of(violations)));
    }

    private void checkCount(int count) {
        if (count == 0) {
            throw new BadRequestException("A bulk write needs at least one item");
        }
        int maxItems = config.bulk().maxItems();
        if (count > maxItems) {
            throw new WebApplicationException(
                    "A bulk write takes at most " + maxItems + " items; this one has " + count,
                    Response.Status.REQUEST_ENTITY_TOO_LARGE);
        }
    }

    private static <T> Item<T> rejected(ItemResult result) {
        return new Item<>(null, result);
    }
}
