package dev.eventviews.write;

import java.util.function.Supplier;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.eventviews.events.Customer;

/** Body of {@code POST /events/customers}: creates or replaces a customer. Without a customerId, one is generated. */
public record CustomerRequest(
        @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String customerId,
        @NotBlank @Size(max = 100) String firstName,
        @NotBlank @Size(max = 100) String lastName,
        @NotBlank @Email @Size(max = 254) String email,
        @Pattern(regexp = "[0-9+()./ -]{3,32}", message = "must be 3 to 32 digits, spaces or + ( ) . / -") String phone) {

    Customer toEvent(Supplier<String> newId) {
        return new Customer(customerId != null ? customerId : newId.get(), firstName, lastName, email, phone,
                null, null);
    }
}
