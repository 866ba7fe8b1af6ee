package org.kap.api.pages;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * A real headless Chromium driving the engine's pages: Debian's {@code chromium} and {@code chromium-driver} packages
 * (their paths can be given by {@code -Dkap.browser.binary} and {@code -Dkap.browser.driver}), nothing downloaded.
 * Without them the browser tests do not pass: they are skipped, saying why and how to install them; with
 * {@code -Dkap.browser.required=true} (as {@code .ci/run} runs them) they fail instead.
 */
final class Browser implements AutoCloseable {

    static final Path BINARY = Path.of(System.getProperty("kap.browser.binary", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("kap.browser.driver", "/usr/bin/chromedriver"));
    /** Where the tests leave their screenshots; {@code ./kap screenshots} copies them into docs/screenshots. */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;
    private final String base;

    private Browser(ChromeDriver driver, Path profile, String base) {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
    }

    static Browser open(int port) {
        if (!Files.isExecutable(BINARY) || !Files.isExecutable(DRIVER)) {
            String why = "no browser for the browser tests: " + BINARY + " or " + DRIVER + " is missing; install Debian's "
                    + "packages with 'apt-get install chromium chromium-driver' (.ci/run does), or give their paths with "
                    + "-Dkap.browser.binary and -Dkap.browser.driver";
            if (Boolean.getBoolean("kap.browser.required")) {
                Assertions.fail(why);
            }
            System.err.println("SKIPPED: " + why);
            Assumptions.abort(why);
        }
        try {
            Path profile = Files.createTempDirectory("kap-browser");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(BINARY.toFile());
            // the flags a closed network needs: no background connections, no updates, no sync (each would be refused)
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--window-size=1280,1000", "--lang=en-GB", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                    .usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
            return new Browser(driver, profile, "http://localhost:" + port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    void go(String path) {
        driver.get(base + path);
    }

    String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    void signIn(String user) {
        go("/login");
        field("username").sendKeys(user);
        field("password").sendKeys(user + "-demo");
        driver.findElement(By.cssSelector("form.sign-in button[type=submit]")).click();
        // the sign-in's redirect has landed before anything else is asked of the browser
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !path().equals("/login"));
        find("header .who");
    }

    void signOut() {
        driver.findElement(By.cssSelector("header form button")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> path().equals("/login"));
    }

    WebElement field(String name) {
        return driver.findElement(By.name(name));
    }

    /** The element, or a failure that says what the page showed instead (its text, and its source in target/). */
    WebElement find(String css) {
        try {
            return driver.findElement(By.cssSelector(css));
        } catch (org.openqa.selenium.NoSuchElementException missing) {
            try {
                Files.createDirectories(SCREENSHOTS);
                Files.writeString(SCREENSHOTS.resolve("missing-element.html"), driver.getPageSource());
            } catch (IOException ignored) {
                // the failure below says what matters
            }
            throw new AssertionError("no '" + css + "' on " + driver.getCurrentUrl() + ", which shows:\n" + text(), missing);
        }
    }

    List<WebElement> all(String css) {
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        try {
            return driver.findElements(By.cssSelector(css));
        } finally {
            driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
        }
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Sets a field's value as a script would: date and time fields read typed keys by the browser's locale. */
    void set(WebElement form, String name, String value) {
        WebElement input = form.findElement(By.name(name));
        driver.executeScript("arguments[0].value = arguments[1]", input, value);
    }

    /** The act form posting to {@code act} (the last path segment of its action). */
    WebElement form(String act) {
        WebElement form = find("form.act[action$='/" + act + "']");
        WebElement details = form.findElement(By.xpath("ancestor::details"));
        if (details.getAttribute("open") == null) {
            details.findElement(By.tagName("summary")).click();
        }
        return form;
    }

    /** Follows the link and waits until the page it leads to has replaced this one. */
    void follow(String css) {
        WebElement link = find(css);
        replacingThePage(link::click);
    }

    /** Sends the form and waits until the page it leads to has replaced this one. */
    void submit(WebElement form) {
        WebElement button = form.findElement(By.cssSelector("button[type=submit]"));
        replacingThePage(button::click);
    }

    /**
     * Does what leads to another page and waits until that page has replaced this one and is loaded. The page being
     * left is marked first and the wait is for a loaded document without the mark. Waiting for the old page's element
     * to go stale was not enough: while Chromium swaps documents, asking about that element can fail with an
     * "unhandled inspector error" (its node no longer belongs to the document) that is neither stale nor missing,
     * and it failed a CI run. Such passing errors of the swap are retried until the new page is there.
     */
    void replacingThePage(Runnable action) {
        script("document.documentElement.setAttribute('data-kap-left', '')");
        action.run();
        new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> (Boolean) script("return document.readyState === 'complete'"
                        + " && !document.documentElement.hasAttribute('data-kap-left')"));
    }

    /** The names of the page's form fields a screen reader could not name: no label holds or points at them. */
    @SuppressWarnings("unchecked")
    List<String> unlabelledFields() {
        return (List<String>) script("return Array.from(document.querySelectorAll('input, select, textarea'))"
                + ".filter(f => f.type !== 'hidden' && f.labels.length === 0 && !f.getAttribute('aria-label'))"
                + ".map(f => f.name || f.id || f.outerHTML)");
    }

    /** Whether the page, shown as wide as a tablet held upright (768 CSS pixels), must be scrolled sideways. */
    boolean overflowsOnATablet() {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(768, 1024));
        try {
            return (Boolean) script("return document.documentElement.scrollWidth > document.documentElement.clientWidth");
        } finally {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        }
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            // the whole page from its top, as tall as its content
            script("window.scrollTo(0, 0)");
            Number height = (Number) script("return document.documentElement.scrollHeight");
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, Math.min(4000, Math.max(800, height.intValue()))));
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile left behind is harmless
        }
    }
}
