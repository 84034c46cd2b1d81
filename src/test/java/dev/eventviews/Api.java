package dev.eventviews;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Request bodies and calls that the integration tests share. */
public final class Api {

    private Api() {
    }

    public static String customer(String id, String firstName, String email) {
        return """
                {"customerId":"%s","firstName":"%s","lastName":"Lovelace","email":"%s","phone":"+44 20 7946 0000"}
                """.formatted(id, firstName, email);
    }

    public static String order(String orderId, String customerId, String item) {
        return """
                {"orderId":"%s","customerId":"%s","orderItemName":"%s","orderPlace":"London"}
                """.formatted(orderId, customerId, item);
    }

    /** POSTs a JSON body, expects 202 Accepted, and returns the answer (key, topic, partition, offset). */
    public static JsonPath accepted(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path)
                .then().statusCode(202).extract().jsonPath();
    }
}
