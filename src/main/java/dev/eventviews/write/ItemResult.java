package dev.eventviews.write;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.eventviews.http.Problem.FieldError;
import dev.eventviews.http.ProblemMappers;

/**
 * What became of one item of a bulk write: 202 with where its event is, or the status, title and detail of the
 * problem a single write would have got, with the bad fields named.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ItemResult(int status, String key, String topic, Integer partition, Long offset, String title,
        String detail, List<FieldError> errors) {

    static ItemResult accepted(Appended appended) {
        return new ItemResult(202, appended.key(), appended.topic(), appended.partition(), appended.offset(), null,
                null, List.of());
    }

    static ItemResult invalid(List<FieldError> errors) {
        return problem(400, ProblemMappers.INVALID, ProblemMappers.SOME_FIELDS_INVALID, errors);
    }

    static ItemResult malformed() {
        return problem(400, ProblemMappers.MALFORMED, "The item is not a JSON object of the expected shape",
                List.of());
    }

    static ItemResult unavailable() {
        return problem(503, ProblemMappers.EVENT_LOG_UNAVAILABLE, ProblemMappers.NOT_ACKNOWLEDGED, List.of());
    }

    boolean isAccepted() {
        return status == 202;
    }

    private static ItemResult problem(int status, String title, String detail, List<FieldError> errors) {
        return new ItemResult(status, null, null, null, null, title, detail, errors);
    }
}
