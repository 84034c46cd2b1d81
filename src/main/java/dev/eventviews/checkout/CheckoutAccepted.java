package dev.eventviews.checkout;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.eventviews.write.Appended;

/** The answer to {@code POST /checkout}: the checkout's orderId, and where its request landed in the log. */
public record CheckoutAccepted(String orderId, String topic, int partition, long offset, String token) {

    static CheckoutAccepted of(Appended appended) {
        return new CheckoutAccepted(appended.key(), appended.topic(), appended.partition(), appended.offset(),
                appended.token());
    }

    /** Where the checkout's state is read, and long-polled ({@code ?waitFor=terminal&waitMs=}). */
    @JsonProperty("location")
    public String location() {
        return CheckoutViewsResource.CHECKOUTS_PATH + orderId;
    }
}
