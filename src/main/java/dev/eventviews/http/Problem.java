package dev.eventviews.http;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem body ({@code application/problem+json}): which kind of problem ({@link ProblemType}), what went
 * wrong, and for bad input, which fields.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem(ProblemType type, String title, int status, String detail, String instance,
            List<FieldError> errors) {
        this(type.uri(), title, status, detail, instance, errors);
    }

    /** One bad field: its name as the client sent it, and what is wrong with it. */
    public record FieldError(String field, String message) {
    }
}
