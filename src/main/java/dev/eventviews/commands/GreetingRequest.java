package dev.eventviews.commands;

import java.time.Clock;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import dev.eventviews.events.Greeting;

/** Body of {@code POST /events/greetings}. Every greeting gets its own time-ordered id. */
public record GreetingRequest(@NotBlank @Size(max = 500) String message) {

    Greeting toEvent(Clock clock) {
        return new Greeting(TimeOrderedIds.next(clock), message, clock.instant());
    }
}
