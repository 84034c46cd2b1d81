package dev.eventviews.bench.data;

import java.time.Instant;

import dev.eventviews.events.Customer;
import dev.eventviews.events.Order;

/**
 * The benchmark's data, the same whether it goes over HTTP as JSON or straight to the broker as Avro: customer
 * {@code i} has key {@code c<i>}, order {@code i} has key {@code o<i>}. A customer's last name carries a marker, so
 * a reader can tell which write of that customer it sees.
 */
public final class Events {

    private static final String PHONE = "+44 20 7946 0000";
    private static final Instant PURCHASED = Instant.parse("2026-11-26T10:15:30Z");

    private Events() {
    }

    public static String customerId(long i) {
        return "c" + i;
    }

    public static String orderId(long i) {
        return "o" + i;
    }

    public static Customer customer(long i, String marker) {
        return new Customer(customerId(i), "First" + i, marker, "c" + i + "@example.com", PHONE, null, null);
    }

    /** The same customer as {@link #customer}, as the JSON body of {@code POST /events/customers}. */
    public static String customerJson(long i, String marker) {
        return "{\"customerId\":\"" + customerId(i) + "\",\"firstName\":\"First" + i + "\",\"lastName\":\"" + marker
                + "\",\"email\":\"c" + i + "@example.com\",\"phone\":\"" + PHONE + "\"}";
    }

    /** What the customers view holds once that write is visible. */
    public static String customerMarkerJson(String marker) {
        return "\"lastName\":\"" + marker + "\"";
    }

    public static Order order(long i, long customer) {
        return order(orderId(i), customerId(customer));
    }

    public static Order order(String orderId, String customerId) {
        return new Order(orderId, customerId, "Item " + Math.floorMod(orderId.hashCode(), 1000), "London", PURCHASED);
    }
}
