package dev.eventviews.web;

import static dev.eventviews.checkout.Shop.deposit;
import static dev.eventviews.checkout.Shop.givenCustomer;
import static dev.eventviews.checkout.Shop.givenProduct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import dev.eventviews.Api;
import dev.eventviews.RealInfrastructure;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The checkout pages in a real headless Chromium: the form, a checkout's live page, the live stock page. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class CheckoutPagesTest extends InBrowser {

    @Test
    void shouldCheckOutThroughTheFormAndShowEveryStepOfACompletedCheckout() {
        String lamp = "lamp-" + run;
        String ada = "ada-" + run;
        givenProduct(lamp, "Lamp", 1_200, 5);
        givenCustomer(ada, "Ada", true);
        deposit(ada, 10_000);

        checkOut(ada, lamp, "2");

        browser.await("#state[data-state=COMPLETED]");
        List<String> events = events();
        assertTrue(events.containsAll(List.of("requested", "reserve stock", "stock reserved", "authorize payment",
                "payment authorized", "verify customer", "customer verified", "completed")), events.toString());
        assertEquals("2400", browser.find("[data-fact=amountCents]").getText());
        assertTrue(browser.find("table.lines tbody").getText().contains("Lamp"));
        browser.screenshot("checkout-completed");
    }

    @Test
    void shouldShowTheCompensationsOfARejectedCheckout() {
        String lamp = "lamp-" + run;
        String bob = "bob-" + run;
        givenProduct(lamp, "Lamp", 1_200, 5);
        givenCustomer(bob, "Bob", true);
        deposit(bob, 1_000);

        checkOut(bob, lamp, "1");

        browser.await("#state[data-state=REJECTED]");
        assertTrue(browser.find("[data-fact=reason]").getText().contains("insufficient funds"));
        String compensations = browser.awaitText("li[data-event=compensation]", "release stock");
        assertTrue(compensations.contains("REJECTED"), compensations);
        List<String> events = events();
        assertEquals(List.of("requested", "reserve stock", "stock reserved", "authorize payment", "payment rejected",
                "rejected", "compensation", "compensation"), events);
        browser.screenshot("checkout-rejected");
    }

    @Test
    void shouldShowStockChangesOnTheStockPageWithoutAReload() {
        String kettle = "kettle-" + run;
        givenProduct(kettle, "Kettle", 3_000, 7);

        browser.open("/views/products.html");
        browser.await("#live-status[data-state=live]");
        browser.await("table[data-loaded=true]");
        assertTrue(browser.awaitText(row(kettle), "Kettle").contains("7"));
        browser.script("window.notReloaded = true");

        Api.accepted("/events/products/" + kettle + "/stock", "{\"delta\":-3}");

        String updated = browser.until(page -> {
            List<WebElement> cells = page.findElements(By.cssSelector(row(kettle) + " td"));
            return cells.size() == 8 && cells.get(3).getText().equals("4") ? String.join(" ", cells.stream()
                    .map(WebElement::getText).toList()) : null;
        });
        assertTrue(updated.endsWith("4 0 4 -3 -3"), "onHand, reserved, available, asked, applied: " + updated);
        assertEquals(Boolean.TRUE, browser.script("return window.notReloaded === true"), "the page was reloaded");
        browser.screenshot("stock-live");
    }

    /** Fills the checkout form with units of one product and sends it; the live page of the checkout opens. */
    private void checkOut(String customerId, String productId, String units) {
        browser.open("/new/checkout.html");
        new Select(browser.await("select[data-loaded=true]")).selectByValue(customerId);
        browser.await("table.lines[data-loaded=true]");
        browser.type("input[name='units-" + productId + "']", units);
        browser.find("button[type=submit]").click();
        browser.until(page -> page.getCurrentUrl().contains("/views/checkout.html?orderId="));
    }

    private List<String> events() {
        return browser.find("#history").findElements(By.cssSelector("li")).stream()
                .map(item -> item.getAttribute("data-event")).toList();
    }

    private static String row(String key) {
        return "tr[data-key='" + key + "']";
    }
}
