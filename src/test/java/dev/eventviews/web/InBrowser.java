package dev.eventviews.web;

import java.net.URL;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

import dev.eventviews.Eventually;
import io.quarkus.test.common.http.TestHTTPResource;

/** A test of the pages in one headless Chromium, started once the views are ready and closed after the class. */
abstract class InBrowser {

    protected static HeadlessChromium browser;

    /** Makes the ids of one test run unique on the shared broker. */
    protected final String run = UUID.randomUUID().toString().substring(0, 8);

    @TestHTTPResource("/")
    URL app;

    @BeforeEach
    void startBrowser() {
        Eventually.ready();
        if (browser == null) {
            browser = HeadlessChromium.start(app.toString());
        }
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
