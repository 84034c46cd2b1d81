package dev.eventviews.http;

import java.util.List;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.eventviews.history.BeyondRetentionException;
import dev.eventviews.http.Problem.FieldError;
import dev.eventviews.idempotency.IdempotencyKeyReusedException;
import dev.eventviews.read.ConsistencyTimeoutException;
import dev.eventviews.read.ViewUnavailableException;
import dev.eventviews.registry.SchemaRegistryFailures;
import dev.eventviews.write.EventLogUnavailableException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Turns every failure into a problem response. Messages are written here, for clients: no exception text from a
 * library, class name or stack trace reaches the body.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** Seconds a client should wait before retrying when the event log or a view is briefly unavailable. */
    private static final String RETRY_AFTER_SECONDS = "2";
    // Shared with the answers of bulk writes, which describe each failed item the same way.
    public static final String INVALID = "Invalid request";
    public static final String SOME_FIELDS_INVALID = "Some fields are not valid";
    public static final String MALFORMED = "Malformed JSON";
    public static final String EVENT_LOG_UNAVAILABLE = "Event log unavailable";
    public static final String NOT_ACKNOWLEDGED =
            "The event was not acknowledged by the event log; it may or may not have been stored. Retry later";

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        return invalid(FieldErrors.of(e.getConstraintViolations()), uri);
    }

    /** A query parameter that is well-formed on its own but cannot be used (see the exception). */
    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e, UriInfo uri) {
        return invalid(List.of(new FieldError(e.parameter(), e.getMessage())), uri);
    }

    /** A body that parses but does not fit: wrong type, bad format, unknown field. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return FieldErrors.of(e).map(error -> invalid(List.of(error), uri)).orElseGet(() -> malformed(uri));
    }

    /** A body Jackson cannot bind for another reason, e.g. a number too large for its field. */
    @ServerExceptionMapper
    public Response unbindable(JsonProcessingException e, UriInfo uri) {
        if (e instanceof JsonMappingException mapping) {
            return FieldErrors.of(mapping).map(error -> invalid(List.of(error), uri)).orElseGet(() -> malformed(uri));
        }
        return malformed(uri);
    }

    /** The broker, the schema registry or the idempotency keys cannot serve the write now. */
    @ServerExceptionMapper
    public Response eventLogUnavailable(EventLogUnavailableException e, UriInfo uri) {
        LOG.warn(e.getMessage());
        return problem(ProblemType.EVENT_LOG_UNAVAILABLE, 503, e.title(), e.detail(), uri, List.of())
                .header(Headers.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
    }

    @ServerExceptionMapper
    public Response idempotencyKeyReused(IdempotencyKeyReusedException e, UriInfo uri) {
        return problem(ProblemType.IDEMPOTENCY_KEY_REUSED, 422, "Idempotency-Key reused", e.getMessage(), uri,
                List.of()).build();
    }

    @ServerExceptionMapper
    public Response viewUnavailable(ViewUnavailableException e, UriInfo uri) {
        return problem(ProblemType.VIEW_UNAVAILABLE, 503, "View unavailable", e.getMessage() + "; retry later", uri,
                List.of())
                .header(Headers.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
    }

    /** No token, or one that does not verify (eventviews.secure-writes). */
    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return problem(ProblemType.UNAUTHORIZED, 401, "Unauthorized", "Writes need a valid bearer token", uri,
                List.of())
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(ProblemType.FORBIDDEN, 403, "Forbidden", "The token does not grant the writer role", uri,
                List.of()).build();
    }

    @ServerExceptionMapper
    public Response consistencyTimeout(ConsistencyTimeoutException e, UriInfo uri) {
        return problem(ProblemType.CONSISTENCY_TIMEOUT, 504, "View not yet consistent",
                e.getMessage() + "; retry the read with the same token", uri, List.of()).build();
    }

    @ServerExceptionMapper
    public Response beyondRetention(BeyondRetentionException e, UriInfo uri) {
        return problem(ProblemType.BEYOND_RETENTION, 410, "Beyond the history retention", e.getMessage(), uri,
                List.of()).build();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof MismatchedInputException mismatch) {
            return mismatched(mismatch, uri);
        }
        if (e.getCause() instanceof JsonProcessingException) {
            return malformed(uri);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        String detail = e.getMessage() != null && !e.getMessage().startsWith("HTTP ") ? e.getMessage()
                : status.getReasonPhrase();
        return problem(ProblemType.ofStatus(status.getStatusCode()), status.getStatusCode(), status.getReasonPhrase(),
                detail, uri, List.of()).build();
    }

    /**
     * Besides bugs: a read whose stored value has a schema this instance has not fetched yet, while the schema
     * registry is unreachable (the serde fails with whatever its client threw), which is worth a retry.
     */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        if (SchemaRegistryFailures.involved(e)) {
            LOG.warn("The schema registry failed a request on " + uri.getPath() + ": " + e.getMessage());
            return problem(ProblemType.SCHEMA_REGISTRY_UNAVAILABLE, 503, "Schema registry unavailable",
                    "A schema could not be looked up in the schema registry. Retry later", uri, List.of())
                    .header(Headers.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
        }
        LOG.error("Unexpected failure on " + uri.getPath(), e);
        return problem(ProblemType.INTERNAL, 500, "Internal error",
                "The request could not be handled; the failure is logged", uri, List.of()).build();
    }

    private static Response invalid(List<FieldError> errors, UriInfo uri) {
        return problem(ProblemType.VALIDATION, 400, INVALID, SOME_FIELDS_INVALID, uri, errors).build();
    }

    private static Response malformed(UriInfo uri) {
        return problem(ProblemType.MALFORMED_JSON, 400, MALFORMED,
                "The request body is not a JSON object of the expected shape", uri, List.of()).build();
    }

    private static Response.ResponseBuilder problem(ProblemType type, int status, String title, String detail,
            UriInfo uri, List<FieldError> errors) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(type, title, status, detail, uri.getPath(), errors));
    }
}
