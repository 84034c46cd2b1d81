package dev.eventviews.web;

import static io.restassured.RestAssured.delete;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import dev.eventviews.Api;
import dev.eventviews.Eventually;
import dev.eventviews.RealInfrastructure;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The web pages in a real headless Chromium, as a person uses them; screenshots go to the README. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class PagesTest extends InBrowser {

    @Test
    void shouldCreateACustomerAndAnOrderThroughTheFormsAndShowBothOnTheCustomerOrdersPage() {
        String customerId = "ada-" + run;
        browser.open("/new/customer.html");
        browser.type("#customerId", customerId);
        browser.type("#firstName", "Ada");
        browser.type("#lastName", "Lovelace");
        browser.type("#email", "ada@example.com");
        browser.type("#phone", "+44 20 7946 0000");
        browser.find("button[type=submit]").click();
        browser.await(".result[data-state=accepted]");
        assertEquals(customerId, browser.find("[data-fact=key]").getText());
        assertEquals("customers", browser.find("[data-fact=topic]").getText());
        assertTrue(browser.find("[data-fact=offset]").getText().matches("\\d+"));
        browser.screenshot("new-customer");

        browser.open("/views/customers.html");
        browser.awaitText(row(customerId), "ada@example.com");

        browser.open("/new/order.html");
        Select customer = new Select(browser.await("select[data-loaded=true]"));
        customer.selectByValue(customerId);
        browser.type("#orderId", "engine-" + run);
        browser.type("#orderItemName", "Analytical Engine");
        browser.type("#orderPlace", "London");
        browser.find("button[type=submit]").click();
        browser.await(".result[data-state=accepted]");
        assertEquals("orders", browser.find("[data-fact=topic]").getText());
        browser.screenshot("new-order");

        browser.open("/views/customer-orders.html");
        String joined = browser.awaitText(row(customerId), "Analytical Engine");
        assertTrue(joined.contains("Ada") && joined.contains("Lovelace") && joined.contains("engine-" + run), joined);

        browser.open("/");
        browser.until(page -> browser.find("[data-count-of=customer-orders]").getText().matches("\\d+\\+?"));
        browser.screenshot("home");
    }

    @Test
    void shouldShowANewOrderOnTheCustomerOrdersPageWithoutAReload() {
        String customerId = "grace-" + run;
        Api.accepted("/events/customers", Api.customer(customerId, "Grace", "grace@example.com"));
        Api.accepted("/events/orders", Api.order("mark-i-" + run, customerId, "Harvard Mark I"));
        Eventually.found("/store/customer-orders/" + customerId);

        browser.open("/views/customer-orders.html");
        browser.await("#live-status[data-state=live]");
        browser.await("table[data-loaded=true]");
        browser.awaitText(row(customerId), "Harvard Mark I");
        browser.script("window.notReloaded = true");

        Api.accepted("/events/orders", Api.order("compiler-" + run, customerId, "A-0 Compiler"));

        String updated = browser.awaitText(row(customerId), "A-0 Compiler");
        assertTrue(updated.contains("Harvard Mark I"), "the earlier order stays: " + updated);
        assertEquals(Boolean.TRUE, browser.script("return window.notReloaded === true"), "the page was reloaded");
        browser.screenshot("customer-orders-live");
    }

    @Test
    void shouldApplyTheChangesOfOrdersAndCustomersToTheCustomerOrdersPage() {
        // a customer without orders is not on the page when it loads
        String customerId = "alan-" + run;
        Api.accepted("/events/customers", Api.customer(customerId, "Alan", "alan@example.com"));
        Eventually.found("/store/customers/" + customerId);
        browser.open("/views/customer-orders.html");
        browser.await("#live-status[data-state=live]");
        browser.await("table[data-loaded=true]");
        browser.script("window.notReloaded = true");

        // their first order brings them, a new name changes their row, and without orders they leave
        Api.accepted("/events/orders", Api.order("bombe-" + run, customerId, "Bombe"));
        String added = browser.awaitText(row(customerId), "Bombe");
        assertTrue(added.contains("Alan"), added);
        Api.accepted("/events/customers", Api.customer(customerId, "Alan M.", "alan@example.com"));
        browser.awaitText(row(customerId), "Alan M.");
        delete("/events/orders/bombe-" + run).then().statusCode(202);
        browser.until(page -> page.findElements(By.cssSelector(row(customerId))).isEmpty());
        assertEquals(Boolean.TRUE, browser.script("return window.notReloaded === true"), "the page was reloaded");
    }

    @Test
    void shouldShowTheProblemWithABadEmailNextToTheEmailField() {
        browser.open("/new/customer.html");
        browser.type("#firstName", "Charles");
        browser.type("#lastName", "Babbage");
        browser.type("#email", "not-an-email");
        browser.find("button[type=submit]").click();

        WebElement error = browser.await("#email + .field-error:not(:empty)");
        assertEquals("must be a well-formed email address", error.getText());
        assertEquals("true", browser.find("#email").getAttribute("aria-invalid"));
        assertEquals("", browser.find("#firstName-error").getText());
        assertEquals("problem", browser.find(".result").getAttribute("data-state"));
        browser.screenshot("email-error");
    }

    @Test
    void shouldShowAnEntitysTimelineAndTheEntityAndItsOrdersAsOfAChosenEvent() throws Exception {
        String id = "lin-" + run;
        String orderId = "lin-order-" + run;
        String token = null;
        for (String name : List.of("Ada", "Augusta", "Countess")) {
            token = Api.accepted("/events/customers", Api.customer(id, name, "ada@example.com")).getString("token");
            Thread.sleep(5); // a millisecond of broker time apart, so that each is a version of its own
            if (name.equals("Ada")) {
                Api.accepted("/events/orders", Api.order(orderId, id, "Analytical Engine"));
                Thread.sleep(5);
            }
        }
        Eventually.until("/events/customers/" + id + "?consistentWith=" + token,
                response -> response.jsonPath().getList("items").size() == 3);
        Eventually.until("/store/customer-orders/" + id,
                response -> response.statusCode() == 200 && response.jsonPath().getList("orders").size() == 1);

        browser.open("/views/history.html?entity=customers&id=" + id);
        browser.awaitText("#state", "Countess");
        browser.awaitText("#customer-orders", "Analytical Engine");
        assertEquals(3L, browser.script("return document.querySelectorAll('#events tbody tr').length"));

        // As of the first event the customer existed without its order: no customer-orders entry yet.
        browser.find("#events tbody tr:first-child").click();
        String first = browser.awaitText("#state", "Ada");
        assertTrue(!first.contains("Countess"), first);
        browser.awaitText("#customer-orders-note", "No entry");
        assertEquals(0L, browser.script("return document.querySelectorAll('#customer-orders tbody tr').length"));
        assertTrue(browser.find("#events tbody tr:first-child").getAttribute("class").contains("current"));
        browser.screenshot("history");
    }

    private static String row(String key) {
        return "tr[data-key='" + key + "']";
    }
}
