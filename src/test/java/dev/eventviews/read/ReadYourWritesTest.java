package dev.eventviews.read;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.eventviews.Api;
import dev.eventviews.Eventually;
import dev.eventviews.RealInfrastructure;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** A write's consistency token makes the next read see it; a key that does not exist yet can be waited for. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class ReadYourWritesTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void viewsReady() {
        Eventually.ready();
    }

    @Test
    void shouldSeeItsOwnWriteAtOnceWithTheToken() {
        for (int i = 0; i < 10; i++) {
            String id = "ryw-" + run + "-" + i;
            Response written = given().contentType(ContentType.JSON)
                    .body(Api.customer(id, "Ada" + i, "ada@example.com")).post("/events/customers");
            String token = written.header("Consistency-Token");
            written.then().statusCode(202).body("token", equalTo(token));

            get("/store/customers/" + id + "?consistentWith=" + token).then().statusCode(200)
                    .body("firstName", equalTo("Ada" + i));
        }
    }

    @Test
    void shouldSeeItsOwnOrderInTheDerivedViewsWithTheTokenHeader() {
        String customerId = "ryw-c-" + run;
        Api.accepted("/events/customers", Api.customer(customerId, "Grace", "grace@example.com"));
        String token = given().contentType(ContentType.JSON)
                .body(Api.order("ryw-o-" + run, customerId, "Compiler")).post("/events/orders")
                .then().statusCode(202).extract().header("Consistency-Token");

        given().header("Consistency-Token", token).get("/store/customer-orders/" + customerId)
                .then().statusCode(200).body("orders.orderId", hasItem("ryw-o-" + run));
        given().header("Consistency-Token", token).get("/store/customer-order/all?limit=1&after=" + customerId + ",")
                .then().statusCode(200).body("items.order.orderId", hasItem("ryw-o-" + run));
        // a proper prefix of an id sorts right before it
        String justBefore = customerId.substring(0, customerId.length() - 1);
        given().header("Consistency-Token", token).get("/store/customer-orders?limit=1&after=" + justBefore)
                .then().statusCode(200).body("items[0].customer.customerId", equalTo(customerId),
                        "items[0].orders.orderId", hasItem("ryw-o-" + run));
    }

    @Test
    void shouldAnswer504WhenTheViewDoesNotReachTheTokenInTime() {
        String id = "future-" + run;
        int partition = Api.accepted("/events/customers", Api.customer(id, "Ada", "ada@example.com"))
                .getInt("partition");
        String future = "customers:" + partition + ":999999999";

        get("/store/customers/" + id + "?consistentWith=" + future).then().statusCode(504)
                .contentType("application/problem+json").body("detail", containsString(future));
    }

    @Test
    void shouldRejectAMalformedToken() {
        get("/store/customers/anyone?consistentWith=yesterday").then().statusCode(400)
                .body("errors.field", hasItem("consistentWith"));
    }

    @Test
    void shouldLongPollForAKeyThatDoesNotExistYet() throws Exception {
        String id = "later-" + run;
        CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(
                () -> get("/store/customers/" + id + "?waitMs=20000"));
        Thread.sleep(500);
        Api.accepted("/events/customers", Api.customer(id, "Late", "late@example.com"));

        waiting.get(30, TimeUnit.SECONDS).then().statusCode(200).body("firstName", equalTo("Late"));
        get("/store/customers/nobody-" + run + "?waitMs=300").then().statusCode(404)
                .time(lessThan(5000L));
    }
}
