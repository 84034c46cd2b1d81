package dev.eventviews.http;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;

import java.net.ConnectException;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import dev.eventviews.RealInfrastructure;
import dev.eventviews.read.ViewReads;
import dev.eventviews.read.ViewUnavailableException;
import dev.eventviews.topology.Catalog;
import dev.eventviews.write.EventLog;
import dev.eventviews.write.EventLogUnavailableException;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;

/**
 * A view that cannot answer yet (start-up, rebalance, a stored value whose schema the unreachable registry would
 * have to provide) or an event log that does not acknowledge gets a 503 with Retry-After. These moments are brief
 * and racy in a real run, so the read and write services are replaced.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class UnavailableTest {

    @Test
    void shouldAnswer503WithRetryAfterWhenAViewIsNotQueryable() {
        ViewReads reads = Mockito.mock(ViewReads.class);
        Mockito.when(reads.find(eq(Catalog.CUSTOMERS_VIEW), any(), any(), any()))
                .thenThrow(new ViewUnavailableException("The customers view is being rebalanced"));
        Mockito.when(reads.list(eq(Catalog.ORDERS_VIEW), any(), anyInt(), any(), any()))
                .thenThrow(new ViewUnavailableException("The views are not ready (Kafka Streams is REBALANCING)"));
        // What the registry's serde throws when a stored value needs a schema and the registry is away.
        Mockito.when(reads.find(eq(Catalog.GREETINGS_VIEW), any(), any(), any())).thenThrow(new RuntimeException(
                new ExecutionException(new ConnectException("Connection refused: registry.internal:8081"))));
        QuarkusMock.installMockForType(reads, ViewReads.class);

        get("/store/customers/c1").then().statusCode(503).header("Retry-After", "2")
                .contentType("application/problem+json")
                .body("status", equalTo(503), "detail", containsString("rebalanced"));
        get("/store/orders").then().statusCode(503).header("Retry-After", "2")
                .body("detail", containsString("REBALANCING"));
        get("/store/greetings/g1").then().statusCode(503).header("Retry-After", "2")
                .body("title", equalTo("Schema registry unavailable"),
                        "detail", not(containsString("registry.internal")));
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenTheEventLogDoesNotAcknowledge() {
        EventLog eventLog = Mockito.mock(EventLog.class);
        Mockito.when(eventLog.saveGreeting(any())).thenReturn(Uni.createFrom()
                .failure(new EventLogUnavailableException(new TimeoutException("Expiring 1 record(s)"))));
        QuarkusMock.installMockForType(eventLog, EventLog.class);

        given().contentType(ContentType.JSON).body("{\"message\":\"hello\"}")
                .when().post("/events/greetings")
                .then().statusCode(503).header("Retry-After", "2")
                .contentType("application/problem+json")
                .body("title", equalTo("Event log unavailable"), "detail", not(containsString("Expiring")));
    }
}
