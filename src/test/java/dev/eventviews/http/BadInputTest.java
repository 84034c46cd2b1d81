package dev.eventviews.http;

import static dev.eventviews.Api.accepted;
import static dev.eventviews.Api.customer;
import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.eventviews.Eventually;
import dev.eventviews.RealInfrastructure;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Bad input gets a 4xx problem body that names what is wrong, and changes nothing already accepted. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class BadInputTest {

    private static final String PROBLEMS = "https://event-views.dev/problems/";

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void viewsReady() {
        Eventually.ready();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing first name      | {"lastName":"L","email":"a@example.com"}                                  | firstName
            blank first name        | {"firstName":" ","lastName":"L","email":"a@example.com"}                  | firstName
            number for a string     | {"firstName":42,"lastName":"L","email":"a@example.com"}                   | firstName
            object for a string     | {"firstName":{"a":1},"lastName":"L","email":"a@example.com"}              | firstName
            blank id                | {"customerId":"","firstName":"F","lastName":"L","email":"a@example.com"}  | customerId
            id with a slash         | {"customerId":"a/b","firstName":"F","lastName":"L","email":"a@example.com"} | customerId
            bad email               | {"firstName":"F","lastName":"L","email":"not-an-email"}                   | email
            overlong last name      | {"firstName":"F","lastName":"%s","email":"a@example.com"}                 | lastName
            unknown field           | {"firstName":"F","lastName":"L","email":"a@example.com","age":3}          | age
            """)
    void shouldRejectABadCustomerNamingTheField(String name, String body, String field) {
        given().contentType(ContentType.JSON).body(body.formatted("x".repeat(101)))
                .when().post("/events/customers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400), "type", equalTo("https://event-views.dev/problems/validation"),
                        "errors.field", hasItem(field));
    }

    @Test
    void shouldRejectAnOrderWithoutCustomerOrWithABadTime() {
        given().contentType(ContentType.JSON).body("{\"orderItemName\":\"Loom\"}")
                .when().post("/events/orders")
                .then().statusCode(400).body("errors.field", hasItem("customerId"));
        given().contentType(ContentType.JSON)
                .body("{\"customerId\":\"c\",\"orderItemName\":\"Loom\",\"orderPurchaseTime\":\"yesterday\"}")
                .when().post("/events/orders")
                .then().statusCode(400).body("errors.field", hasItem("orderPurchaseTime"));
    }

    @Test
    void shouldRejectMalformedAndMissingBodies() {
        given().contentType(ContentType.JSON).body("{\"message\": \"unterminated")
                .when().post("/events/greetings")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"),
                        "type", equalTo("https://event-views.dev/problems/malformed-json"));
        given().contentType(ContentType.JSON).body("[1,2,3]")
                .when().post("/events/greetings")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .when().post("/events/greetings")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.message", hasItem("a JSON body is required"));
    }

    /** The HTTP server refuses it before the application sees it: the one error without a problem body. */
    @Test
    void shouldRejectAnOversizedBodyWith413() {
        given().contentType(ContentType.JSON).body("{\"message\":\"" + "x".repeat(70_000) + "\"}")
                .when().post("/events/greetings")
                .then().statusCode(413);
    }

    /** Plain HTTP errors have types too, so that a client never has to parse a title. */
    @Test
    void shouldTypeEveryHttpError() {
        get("/store/nothing-here").then().statusCode(404).body("type", equalTo(PROBLEMS + "not-found"));
        given().contentType(ContentType.JSON).body("{}").put("/events/greetings").then().statusCode(405)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "method-not-allowed"));
        given().accept("application/xml").get("/store/customers").then().statusCode(406)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "not-acceptable"));
        given().contentType(ContentType.TEXT).body("message=hello").post("/events/greetings").then().statusCode(415)
                .body("type", equalTo(PROBLEMS + "unsupported-media-type"));
        given().contentType(ContentType.JSON).body("[]").post("/events/customers").then().statusCode(400)
                .body("type", equalTo(PROBLEMS + "bad-request"));
    }

    @Test
    void shouldRejectAWrongContentTypeWith415() {
        given().contentType(ContentType.TEXT).body("message=hello")
                .when().post("/events/greetings")
                .then().statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
    }

    @Test
    void shouldRejectABadIdInADelete() {
        given().when().delete("/events/orders/" + "x".repeat(65))
                .then().statusCode(400).body("errors.field", hasItem("orderId"));
    }

    @ParameterizedTest
    @CsvSource({ "0", "1001", "-5", "many" })
    void shouldRejectAnOutOfRangeLimit(String limit) {
        get("/store/customers?limit=" + limit).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("limit"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/store/customer-orders/c-1?after=o,1 | after",
            "/store/customer-orders/c,1 | customerId",
            "/store/customer-orders/c-1?limit=1001 | limit",
            "/store/customer-orders?after=c,1 | after",
            "/store/customer-orders?orders=0 | orders",
            "/store/customer-orders?orders=101 | orders",
            "/store/customer-order/all?after=c-1 | after",
            "/store/customer-order/all?after=c-1,o,1 | after" })
    void shouldRejectACursorOrCountThatTheCustomerOrdersViewsCannotTake(String path, String field) {
        get(path).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }

    @Test
    void shouldAnswer404WithAProblemForAnUnknownKeyOrPath() {
        get("/store/customers/nobody-" + run).then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("nobody-" + run));
        get("/store/customer-orders/nobody-" + run).then().statusCode(404);
        get("/store/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldLeaveAcceptedDataUntouchedWhenAnUpdateIsRejected() {
        String id = "kept-" + run;
        accepted("/events/customers", customer(id, "Ada", "ada@example.com"));
        Eventually.found("/store/customers/" + id);

        ValidatableResponse rejected = given().contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + id + "\",\"firstName\":\"\",\"lastName\":\"L\",\"email\":\"bad\"}")
                .when().post("/events/customers").then().statusCode(400);
        rejected.body("detail", not(containsString("Exception")));

        get("/store/customers/" + id).then().statusCode(200)
                .body("firstName", equalTo("Ada"), "email", equalTo("ada@example.com"));
    }
}
