package dev.eventviews.write;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.eventviews.http.Problem.FieldError;
import dev.eventviews.http.ProblemMappers;
import dev.eventviews.http.ProblemType;

/**
 * What became of one item of a bulk write: 202 with where its event is and its consistency token, or the type,
 * status, title and detail of the problem a single write would have got, with the bad fields named.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ItemResult(int status, String key, String topic, Integer partition, Long offset, String token,
        URI type, String title, String detail, List<FieldError> errors) {

    static ItemResult accepted(Appended appended) {
        return new ItemResult(202, appended.key(), appended.topic(), appended.partition(), appended.offset(),
                appended.token(), null, null, null, List.of());
    }

    static ItemResult invalid(List<FieldError> errors) {
        return problem(ProblemType.VALIDATION, 400, ProblemMappers.INVALID, ProblemMappers.SOME_FIELDS_INVALID,
                errors);
    }

    static ItemResult malformed() {
        return problem(ProblemType.MALFORMED_JSON, 400, ProblemMappers.MALFORMED,
                "The item is not a JSON object of the expected shape", List.of());
    }

    static ItemResult unavailable() {
        return problem(ProblemType.EVENT_LOG_UNAVAILABLE, 503, ProblemMappers.EVENT_LOG_UNAVAILABLE,
                ProblemMappers.NOT_ACKNOWLEDGED, List.of());
    }

    boolean isAccepted() {
        return status == 202;
    }

    private static ItemResult problem(ProblemType type, int status, String title, String detail,
            List<FieldError> errors) {
        return new ItemResult(status, null, null, null, null, null, type.uri(), title, detail, errors);
    }
}
