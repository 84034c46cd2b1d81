package dev.eventviews.web;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver: never a browser or driver that a tool
 * downloads (the build machines reach package registries only).
 * <p>
 * Without them, the browser tests are skipped with the reason, except in CI (where {@code CI} is set, and
 * {@code .ci/run} installs both), where a missing browser is a failure rather than a silently skipped test.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Where screenshots go; {@code -Dscreenshots.dir=src/site/screenshots} refreshes the README's. */
    private static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));

    private final ChromeDriver driver;
    private final String baseUrl;

    private HeadlessChromium(ChromeDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl.replaceAll("/$", "");
    }

    static HeadlessChromium start(String baseUrl) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String missing = "The browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", "
                    + CHROMEDRIVER + "): apt-get install chromium chromium-driver";
            if (System.getenv("CI") != null) {
                fail(missing + ". In CI they must be there: .ci/run installs them.");
            }
            assumeTrue(false, missing + ". Skipping the browser tests.");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--user-data-dir=" + freshProfile(), "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new HeadlessChromium(new ChromeDriver(service, options), baseUrl);
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** Waits until the element shows up, and returns it. */
    WebElement await(String css) {
        return until(browser -> browser.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
    }

    /** Waits until an element shows up whose text contains {@code expected}, and returns its whole text. */
    String awaitText(String css, String expected) {
        return until(browser -> browser.findElements(By.cssSelector(css)).stream()
                .map(WebElement::getText)
                .filter(text -> text.contains(expected))
                .findFirst().orElse(null));
    }

    /** Waits until the condition gives a value; live pages replace elements, so a stale one is looked up again. */
    <T> T until(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(condition);
    }

    void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    Object script(String javaScript) {
        return driver.executeScript(javaScript);
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path taken = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(taken, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static Path freshProfile() {
        try {
            return Files.createTempDirectory(Files.createDirectories(Path.of("target")), "chromium-profile-")
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
