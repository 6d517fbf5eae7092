package io.portero.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium (the distribution's {@code chromium} and {@code chromedriver}, never a
 * downloaded browser) with a profile of its own: its own cookies, storage and tabs, so two
 * {@code Browser}s are two devices. It only ever opens 127.0.0.1 and is told not to call home.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("portero.it.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("portero.it.chromedriver", "/usr/bin/chromedriver"));

    /** Whether both are installed; the browser tests are skipped (with a reason) when not. */
    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    private final Path profile;
    private final ChromeDriverService service;
    final ChromeDriver driver;

    Browser(int width, int height) {
        try {
            profile = Files.createTempDirectory("portero-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(new File(System.getProperty("java.io.tmpdir"), "portero-chromedriver.log"))
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-domain-reliability",
                "--disable-client-side-phishing-detection",
                "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
                "--password-store=basic",
                "--user-data-dir=" + profile,
                "--window-size=" + Math.max(width, 800) + "," + height);
        // Headless windows are at least 500 px wide: the page's viewport is set instead, in every tab.
        options.setExperimentalOption(
                "mobileEmulation",
                Map.of("deviceMetrics", Map.of("width", width, "height", height, "pixelRatio", 1.0)));
        options.setExperimentalOption(
                "prefs",
                Map.of(
                        "credentials_enable_service", false,
                        "profile.password_manager_enabled", false,
                        "profile.password_manager_leak_detection", false));
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    /** A phone-sized window: every screen of the reference UI must work at 360 px. */
    static Browser phone() {
        return new Browser(360, 780);
    }

    void open(String url) {
        if (!url.startsWith("http://127.0.0.1:")) {
            throw new IllegalArgumentException("tests only open 127.0.0.1: " + url);
        }
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    <T> T await(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(100)).until(condition);
    }

    WebElement visible(String css) {
        return await(Duration.ofSeconds(15), ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Waits until the element's text contains {@code text}; answers the whole text. */
    String awaitText(String css, String text, Duration timeout) {
        await(timeout, ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
        return find(css).getText();
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Runs an async script: its last argument is the callback to call with the result. */
    Object asyncScript(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, arguments);
    }

    void type(String css, String text) {
        WebElement element = find(css);
        element.clear();
        element.sendKeys(text);
    }

    /** Saves the window as {@code target/screenshots/<name>.png} for reviewers. */
    void screenshot(String name) {
        Path folder = Path.of(System.getProperty("portero.it.browser.screenshots", "target/screenshots"));
        try {
            Files.createDirectories(folder);
            // The whole page, not only the part in view.
            Object data = driver.executeCdpCommand(
                            "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true))
                    .get("data");
            Files.write(folder.resolve(name + ".png"), Base64.getDecoder().decode((String) data));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException ignored) {
                // a temporary folder; the OS cleans it eventually
            }
        }
    }
}
