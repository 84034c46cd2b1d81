package dev.eventviews.checkout;

import static dev.eventviews.checkout.Shop.checkout;
import static dev.eventviews.checkout.Shop.deposit;
import static dev.eventviews.checkout.Shop.ended;
import static dev.eventviews.checkout.Shop.givenCustomer;
import static dev.eventviews.checkout.Shop.givenProduct;
import static dev.eventviews.checkout.Shop.oneLine;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.eventviews.Eventually;
import dev.eventviews.RealInfrastructure;
import dev.eventviews.live.ChangeStream;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** The checkout over HTTP, on a real broker and registry: stock and funds in, a checkout run, its effects out. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class CheckoutTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @TestHTTPResource("/store/changes/")
    URL changes;

    @BeforeEach
    void viewsReady() {
        Eventually.ready();
    }

    @Test
    void shouldCompleteACheckoutAndShowItInEveryView() throws Exception {
        String widget = "widget-" + run;
        String ada = "ada-" + run;
        givenProduct(widget, "Widget", 250, 10);
        givenCustomer(ada, "Ada", true);
        deposit(ada, 10_000);

        try (ChangeStream customerOrders = ChangeStream.open(changes + "customer-orders")) {
            Response accepted = checkout(null, oneLine(ada, widget, 3));
            String orderId = accepted.jsonPath().getString("orderId");
            accepted.then().statusCode(202)
                    .header("Location", endsWith("/store/checkouts/" + orderId))
                    .header("Consistency-Token", accepted.jsonPath().getString("token"))
                    .body("topic", equalTo("checkouts"), "location", equalTo("/store/checkouts/" + orderId));

            ended(accepted).then().statusCode(200)
                    .body("state", equalTo("COMPLETED"), "customerId", equalTo(ada), "amountCents", equalTo(750),
                            "lines[0].productId", equalTo(widget), "lines[0].quantity", equalTo(3),
                            "lines[0].priceCents", equalTo(250), "lines[0].productName", equalTo("Widget"),
                            "reason", equalTo(null),
                            "history.state", hasItems("RESERVING", "AUTHORIZING", "VERIFYING", "COMPLETED"),
                            "history[0].at", notNullValue());

            Eventually.until("/store/products/" + widget, response -> response.jsonPath().getLong("onHand") == 7)
                    .then().body("reserved", equalTo(0), "available", equalTo(7), "priceCents", equalTo(250),
                            "name", equalTo("Widget"));
            Eventually.until("/store/accounts/" + ada, response -> response.jsonPath().getLong("balance") == 9_250)
                    .then().body("held", equalTo(0), "available", equalTo(9_250));
            // One ordinary order per checkout, in the orders view and in the customer's rows of customer-orders.
            Eventually.found("/store/orders/" + orderId).then()
                    .body("customerId", equalTo(ada), "orderItemName", equalTo("3 × Widget"));
            JsonNode row = customerOrders.next(ada + "," + orderId);
            assertEquals("3 × Widget", row.path("value").path("orderItemName").asText());
        }
    }

    @Test
    void shouldRejectACheckoutWithoutFundsAndUndoItsSteps() {
        String widget = "widget-" + run;
        String bob = "bob-" + run;
        givenProduct(widget, "Widget", 250, 5);
        givenCustomer(bob, "Bob", true);
        deposit(bob, 100);

        Response accepted = checkout(null, oneLine(bob, widget, 2));

        JsonPath rejected = ended(accepted).then().statusCode(200)
                .body("state", equalTo("REJECTED"), "reason", containsString("insufficient funds"),
                        "history.event", hasItem("compensation"), "history.detail", hasItem("release stock"))
                .extract().jsonPath();
        assertEquals(List.of("RESERVING", "AUTHORIZING", "REJECTED"),
                rejected.getList("history.state").stream().distinct().toList(), "the states it went through");
        Eventually.until("/store/products/" + widget, response -> response.jsonPath().getLong("reserved") == 0)
                .then().body("onHand", equalTo(5), "available", equalTo(5));
        get("/store/accounts/" + bob).then().body("balance", equalTo(100), "held", equalTo(0));
        get("/store/orders/" + rejected.getString("orderId")).then().statusCode(404);
    }

    @Test
    void shouldRejectACustomerWithoutAddressesWrittenByAnOldClient() {
        String widget = "widget-" + run;
        String cleo = "cleo-" + run;
        givenProduct(widget, "Widget", 100, 5);
        givenCustomer(cleo, "Cleo", false);
        deposit(cleo, 1_000);

        Response accepted = checkout(null, oneLine(cleo, widget, 1));

        ended(accepted).then().body("state", equalTo("REJECTED"),
                "reason", equalTo("the customer has no shipping and billing address"),
                "history.detail", hasItems("void payment", "release stock"));
        Eventually.until("/store/accounts/" + cleo, response -> response.jsonPath().getLong("held") == 0)
                .then().body("balance", equalTo(1_000));
        Eventually.until("/store/products/" + widget, response -> response.jsonPath().getLong("reserved") == 0)
                .then().body("onHand", equalTo(5));
    }

    @Test
    void shouldStartOneCheckoutPerIdempotencyKey() {
        String widget = "widget-" + run;
        String dan = "dan-" + run;
        givenProduct(widget, "Widget", 100, 5);
        givenCustomer(dan, "Dan", true);
        deposit(dan, 1_000);
        String key = UUID.randomUUID().toString();
        String body = oneLine(dan, widget, 2);

        Response first = checkout(key, body);
        Response retry = checkout(key, body);

        first.then().statusCode(202);
        retry.then().statusCode(202).header("Location", first.header("Location"));
        assertEquals(first.asString(), retry.asString(), "the retry gets the first answer");
        checkout(key, body.replace("\"quantity\":2", "\"quantity\":1")).then().statusCode(422)
                .contentType("application/problem+json");
        ended(first).then().body("state", equalTo("COMPLETED"), "amountCents", equalTo(200));
        Eventually.until("/store/accounts/" + dan, response -> response.jsonPath().getLong("balance") == 800)
                .then().body("held", equalTo(0));
        Eventually.until("/store/products/" + widget, response -> response.jsonPath().getLong("onHand") == 3);
    }

    @Test
    void shouldIgnoreASecondRequestForAnOrderIdItKnows() {
        String widget = "widget-" + run;
        String eve = "eve-" + run;
        String orderId = "order-" + run;
        givenProduct(widget, "Widget", 100, 5);
        givenCustomer(eve, "Eve", true);
        deposit(eve, 1_000);
        String body = "{\"orderId\":\"%s\",\"customerId\":\"%s\",\"lines\":[{\"productId\":\"%s\",\"quantity\":1}]}"
                .formatted(orderId, eve, widget);

        ended(checkout(null, body)).then().body("state", equalTo("COMPLETED"));
        ended(checkout(null, body)).then().body("state", equalTo("COMPLETED"),
                "history.findAll { it.event == 'requested' }.size()", equalTo(1));

        Eventually.until("/store/accounts/" + eve, response -> response.jsonPath().getLong("balance") == 900);
        Eventually.until("/store/products/" + widget, response -> response.jsonPath().getLong("onHand") == 4);
    }

    @Test
    void shouldReadAStockWriteThroughItsTokenAndApplyOnlyUnreservedUnits() {
        String gadget = "gadget-" + run;
        givenProduct(gadget, "Gadget", 1_000, 0);
        Response added = given().contentType(ContentType.JSON).body("{\"delta\":4}")
                .post("/events/products/" + gadget + "/stock");
        added.then().statusCode(202).header("Location", endsWith("/store/products/" + gadget));

        given().header("Consistency-Token", added.header("Consistency-Token")).get("/store/products/" + gadget)
                .then().statusCode(200).body("onHand", equalTo(4), "lastAdjustment.applied", equalTo(4));
        String removed = given().contentType(ContentType.JSON).body("{\"delta\":-9}")
                .post("/events/products/" + gadget + "/stock").then().statusCode(202)
                .extract().header("Consistency-Token");
        given().header("Consistency-Token", removed).get("/store/products/" + gadget).then().statusCode(200)
                .body("onHand", equalTo(0), "lastAdjustment.requested", equalTo(-9),
                        "lastAdjustment.applied", equalTo(-4));
    }

    @Test
    void shouldListTheNewViewsLikeEveryView() {
        String widget = "widget-" + run;
        String fay = "fay-" + run;
        givenProduct(widget, "Widget", 100, 3);
        deposit(fay, 500);
        Eventually.until("/store/products?limit=1000", response -> response.jsonPath()
                .getList("items.productId").contains(widget)).then()
                .body("items.find { it.productId == '" + widget + "' }.available", equalTo(3));
        Eventually.until("/store/accounts?limit=1000", response -> response.jsonPath()
                .getList("items.customerId").contains(fay)).then()
                .body("items.find { it.customerId == '" + fay + "' }.available", equalTo(500));
        get("/store/checkouts?limit=2").then().statusCode(200).body("items", notNullValue());
        get("/store/instances/checkouts").then().statusCode(200).body("size()", equalTo(1));
    }

    @Test
    void shouldAnswerTheCurrentStateWhenTheWaitRunsOut() {
        String widget = "widget-" + run;
        String gus = "gus-" + run;
        givenProduct(widget, "Widget", 100, 5);
        // No account and no customer: the checkout ends only once the payment is refused; the wait is shorter.
        Response accepted = checkout(null, oneLine(gus, widget, 1));
        given().header("Consistency-Token", accepted.header("Consistency-Token"))
                .get(accepted.header("Location") + "?waitFor=terminal&waitMs=0")
                .then().statusCode(200).body("orderId", equalTo(accepted.jsonPath().getString("orderId")));
        ended(accepted).then().body("state", equalTo("REJECTED"), "reason", containsString("insufficient funds"));
        get("/store/checkouts/nobody-" + run + "?waitFor=terminal&waitMs=200").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void shouldRefuseBadInputWithAProblem() {
        String lines = IntStream.range(0, 101).mapToObj(i -> "{\"productId\":\"p" + i + "\",\"quantity\":1}")
                .collect(Collectors.joining(",", "[", "]"));
        List<String> badCheckouts = List.of(
                "{\"customerId\":\"c\",\"lines\":[{\"productId\":\"p\",\"quantity\":0}]}",
                "{\"customerId\":\"c\",\"lines\":[{\"productId\":\"p\",\"quantity\":-1}]}",
                "{\"customerId\":\"c\",\"lines\":" + lines + "}",
                "{\"customerId\":\"c\",\"lines\":[{\"productId\":\"p\",\"quantity\":1},{\"productId\":\"p\",\"quantity\":2}]}",
                "{\"customerId\":\"c d\",\"lines\":[{\"productId\":\"p\",\"quantity\":1}]}",
                "{\"customerId\":\"c\",\"lines\":[{\"productId\":\"p/1\",\"quantity\":1}]}",
                "{\"orderId\":\"\",\"customerId\":\"c\",\"lines\":[{\"productId\":\"p\",\"quantity\":1}]}",
                "{\"customerId\":\"c\",\"lines\":[{\"productId\":\"p\",\"quantity\":3000000000}]}",
                "{\"customerId\":\"c\",\"lines\":[{\"productId\":\"p\"}]}",
                "{\"customerId\":\"c\",\"lines\":[]}",
                "{\"customerId\":\"c\"}",
                "{\"lines\":[{\"productId\":\"p\",\"quantity\":1}]}",
                "{\"customerId\":\"c\",\"lines\":[null]}",
                "[]",
                "");
        for (String body : badCheckouts) {
            given().contentType(ContentType.JSON).body(body).post("/checkout")
                    .then().statusCode(400).contentType("application/problem+json");
        }
        expect400("/events/products", "{\"productId\":\"p\",\"name\":\"P\",\"priceCents\":-1}");
        expect400("/events/products", "{\"productId\":\"p\",\"name\":\"P\",\"priceCents\":99999999999999999999}");
        expect400("/events/products", "{\"productId\":\"p\",\"name\":\"\",\"priceCents\":1}");
        expect400("/events/products", "{\"name\":\"P\",\"priceCents\":1}");
        expect400("/events/products/p/stock", "{\"delta\":0}");
        expect400("/events/products/p/stock", "{}");
        expect400("/events/products/p/stock", "{\"delta\":\"ten\"}");
        expect400("/events/products/p%20q/stock", "{\"delta\":1}");
        expect400("/events/customers/c/deposits", "{\"amountCents\":0}");
        expect400("/events/customers/c/deposits", "{\"amountCents\":-5}");
        expect400("/events/customers/c/deposits", "{\"amountCents\":9223372036854775808}");
        expect400("/events/customers/c/deposits", "{\"amountCents\":10.5}");
        expect400("/events/customers/c/deposits", "{\"amountCents\":1e3}");
        expect400("/events/customers", "{\"customerId\":\"c\",\"firstName\":\"C\",\"lastName\":\"D\","
                + "\"email\":\"c@example.com\",\"shippingAddress\":{\"street\":\"\",\"city\":\"X\"}}");
        get("/store/checkouts/x?waitFor=ever").then().statusCode(400).contentType("application/problem+json");
        get("/store/checkouts/x?waitFor=terminal&waitMs=30001").then().statusCode(400)
                .contentType("application/problem+json");
    }

    private static void expect400(String path, String body) {
        given().contentType(ContentType.JSON).body(body).post(path)
                .then().statusCode(400).contentType("application/problem+json");
    }
}
