package dev.eventviews.checkout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

import dev.eventviews.checkout.CheckoutRequest.Line;
import dev.eventviews.write.Ids;
import dev.eventviews.events.CheckoutItem;
import dev.eventviews.events.CheckoutRequested;

class CheckoutRequestTest {

    private final Validator validator = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    @Test
    void shouldAcceptAValidRequestAndTurnItIntoTheEvent() {
        CheckoutRequest request = new CheckoutRequest(null, "ada", List.of(new Line("widget", 2), new Line("g", 1)));

        assertEquals(Set.of(), problems(request));
        assertEquals(new CheckoutRequested("o-new", "ada", List.of(new CheckoutItem("widget", 2),
                new CheckoutItem("g", 1))), request.toEvent(() -> "o-new"));
        assertEquals("o-1", new CheckoutRequest("o-1", "ada", List.of(new Line("g", 1))).toEvent(() -> "x")
                .getOrderId());
    }

    @Test
    void shouldRefuseWhatNoCheckoutCanBe() {
        assertEquals(Set.of("lines: size must be between 1 and 100"),
                problems(new CheckoutRequest(null, "ada", List.of())));
        assertEquals(Set.of("lines: size must be between 1 and 100"),
                problems(new CheckoutRequest(null, "ada", distinctLines(101))));
        assertEquals(Set.of("everyProductOnce: must not name a product twice"),
                problems(new CheckoutRequest(null, "ada", List.of(new Line("w", 1), new Line("w", 2)))));
        assertEquals(Set.of("lines[0].quantity: must be greater than 0", "lines[1].quantity: must be less than or"
                + " equal to 1000000"), problems(new CheckoutRequest(null, "ada",
                        List.of(new Line("w", 0), new Line("g", 1_000_001)))));
        assertEquals(Set.of("customerId: must not be null", "lines: must not be null"),
                problems(new CheckoutRequest(null, null, null)));
        assertEquals(Set.of("orderId: " + Ids.MESSAGE,
                "lines[0].productId: " + Ids.MESSAGE),
                problems(new CheckoutRequest("o/1", "ada", List.of(new Line("a b", 1)))));
    }

    private static List<Line> distinctLines(int count) {
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add(new Line("p-" + i, 1));
        }
        return lines;
    }

    private Set<String> problems(CheckoutRequest request) {
        Set<String> problems = new TreeSet<>();
        for (ConstraintViolation<CheckoutRequest> violation : validator.validate(request)) {
            problems.add(violation.getPropertyPath() + ": " + violation.getMessage());
        }
        return problems;
    }
}
