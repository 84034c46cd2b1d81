package dev.eventviews.write;

import java.util.function.Supplier;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.eventviews.events.Customer;

/**
 * Body of {@code POST /events/customers}: creates or replaces a customer. Without a customerId, one is generated.
 * The addresses are optional (clients written before they existed keep working); a checkout needs both.
 */
public record CustomerRequest(
        @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String customerId,
        @NotBlank @Size(max = 100) String firstName,
        @NotBlank @Size(max = 100) String lastName,
        @NotBlank @Email @Size(max = 254) String email,
        @Pattern(regexp = "[0-9+()./ -]{3,32}", message = "must be 3 to 32 digits, spaces or + ( ) . / -") String phone,
        @Valid AddressRequest shippingAddress,
        @Valid AddressRequest billingAddress) {

    Customer toEvent(Supplier<String> newId) {
        return new Customer(customerId != null ? customerId : newId.get(), firstName, lastName, email, phone,
                shippingAddress == null ? null : shippingAddress.toAddress(),
                billingAddress == null ? null : billingAddress.toAddress());
    }
}
