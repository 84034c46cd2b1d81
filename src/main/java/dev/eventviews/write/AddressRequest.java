package dev.eventviews.write;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import dev.eventviews.events.Address;

/** A postal address in a customer's body; a checkout needs the customer to have a shipping and a billing one. */
public record AddressRequest(
        @NotBlank @Size(max = 200) String street,
        @NotBlank @Size(max = 100) String city,
        @NotBlank @Size(max = 20) String postalCode,
        @NotBlank @Size(max = 100) String country) {

    Address toAddress() {
        return new Address(street, city, postalCode, country);
    }
}
