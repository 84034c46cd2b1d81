package dev.eventviews.checkout;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dev.eventviews.Api;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** What the checkout's HTTP and browser tests set up and call: products, customers, funds, checkouts. */
public final class Shop {

    static final String ADDRESS = """
            {"street":"12 Analytical Row","city":"London","postalCode":"W1 1AA","country":"GB"}""";

    private Shop() {
    }

    /** A product with its stock, both in the view before the test goes on (read through the write's token). */
    public static void givenProduct(String productId, String name, long priceCents, long units) {
        String token = Api.accepted("/events/products",
                "{\"productId\":\"%s\",\"name\":\"%s\",\"priceCents\":%d}".formatted(productId, name, priceCents))
                .getString("token");
        if (units != 0) {
            token = Api.accepted("/events/products/" + productId + "/stock", "{\"delta\":%d}".formatted(units))
                    .getString("token");
        }
        given().header("Consistency-Token", token).get("/store/products/" + productId).then().statusCode(200);
    }

    /** A customer, with both addresses or (as a client written before they existed would) without. */
    public static void givenCustomer(String customerId, String firstName, boolean withAddresses) {
        String body = Api.customer(customerId, firstName, customerId + "@example.com").strip();
        if (withAddresses) {
            body = body.substring(0, body.length() - 1) + ",\"shippingAddress\":" + ADDRESS + ",\"billingAddress\":"
                    + ADDRESS + "}";
        }
        String token = Api.accepted("/events/customers", body).getString("token");
        given().header("Consistency-Token", token).get("/store/customers/" + customerId).then().statusCode(200)
                .body("shippingAddress.city", equalTo(withAddresses ? "London" : null));
    }

    public static void deposit(String customerId, long amountCents) {
        String token = Api.accepted("/events/customers/" + customerId + "/deposits",
                "{\"amountCents\":%d}".formatted(amountCents)).getString("token");
        given().header("Consistency-Token", token).get("/store/accounts/" + customerId).then().statusCode(200);
    }

    public static Response checkout(String idempotencyKey, String body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/checkout");
    }

    /** The body of a checkout of one product. */
    public static String oneLine(String customerId, String productId, int quantity) {
        return "{\"customerId\":\"%s\",\"lines\":[{\"productId\":\"%s\",\"quantity\":%d}]}".formatted(customerId,
                productId, quantity);
    }

    /** Long-polls the accepted checkout until it ends. */
    public static Response ended(Response accepted) {
        Response ended = given().header("Consistency-Token", accepted.header("Consistency-Token"))
                .get(accepted.header("Location") + "?waitFor=terminal&waitMs=20000");
        assertTrue(List.of("COMPLETED", "REJECTED").contains(ended.jsonPath().getString("state")),
                "ended: " + ended.asString());
        return ended;
    }
}
