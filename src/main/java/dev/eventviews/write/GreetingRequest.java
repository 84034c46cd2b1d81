package dev.eventviews.write;

import java.time.Clock;
import java.util.function.Supplier;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import dev.eventviews.events.Greeting;

/** Body of {@code POST /events/greetings}. Every greeting gets its own id. */
public record GreetingRequest(@NotBlank @Size(max = 500) String message) {

    Greeting toEvent(Clock clock, Supplier<String> newId) {
        return new Greeting(newId.get(), message, clock.instant());
    }
}
