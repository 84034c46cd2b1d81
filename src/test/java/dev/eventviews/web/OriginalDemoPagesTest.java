package dev.eventviews.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.eventviews.RealInfrastructure;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A user coming from the original demo lands on the page that does what its old address did. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class OriginalDemoPagesTest {

    @ParameterizedTest
    @CsvSource({
            "/create-customer, /new/customer.html",
            "/create-order, /new/order.html",
            "/create-greeting, /new/greeting.html" })
    void shouldRedirectTheOriginalAddressToItsPage(String original, String page) {
        String location = given().redirects().follow(false).get(original).then().statusCode(301)
                .header("Location", endsWith(page)).extract().header("Location");
        given().get(location).then().statusCode(200);
    }
}
