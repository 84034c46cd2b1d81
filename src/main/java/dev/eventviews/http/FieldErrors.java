package dev.eventviews.http;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.eventviews.http.Problem.FieldError;

/**
 * Names the bad fields of a body, as the client wrote them, from what Jackson and Bean Validation report: one place
 * for the wording, whether a whole request is rejected or one item of a bulk write.
 */
public final class FieldErrors {

    private FieldErrors() {
    }

    public static List<FieldError> of(Set<? extends ConstraintViolation<?>> violations) {
        return violations.stream()
                .map(violation -> new FieldError(fieldName(violation), violation.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
    }

    /** Empty when the body does not have the expected shape at all (no field to name): malformed. */
    public static Optional<FieldError> of(JsonMappingException e) {
        String field = path(e);
        if (field.isEmpty()) {
            return Optional.empty();
        }
        String message = e instanceof UnrecognizedPropertyException ? "is not a known field"
                : "has the wrong type or format";
        return Optional.of(new FieldError(field, message));
    }

    /** The JSON path of the offending field, e.g. {@code customerId} or {@code items[2].name}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The last node of a violation's path: the body field or the query/path parameter the client named. */
    private static String fieldName(ConstraintViolation<?> violation) {
        String name = "";
        for (Path.Node node : violation.getPropertyPath()) {
            name = node.getName();
        }
        return name;
    }
}
