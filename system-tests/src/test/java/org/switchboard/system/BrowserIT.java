package org.switchboard.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser page in real headless Chromium (Debian's chromium and chromedriver): start a program, type into its
 * terminal, see its output; when the master prefers another slave, the page follows the redirect there; after a reload
 * it attaches to the same program again; a remote desktop shows in the page. The balancer's own slave is in New
 * York, a slave of its own, "edge", in Germany beside the one processing server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String CHROMIUM = System.getProperty("switchboard.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("switchboard.chromedriver", "/usr/bin/chromedriver");

    private LocalFleet fleet;
    private Api api;
    private WebDriver browser;

    @BeforeAll
    void startFleet() throws Exception {
        fleet = new LocalFleet("browser", "us/ny", 100).agent("web-agent", "eu/de", 4, testCatalog())
                .slave("edge", "eu/de").start();
        api = fleet.api();
        Eventually.await("the agent and both slaves are registered", PATIENCE,
                () -> api.get("/api/v1/applications").array().toString().contains("cat")
                        && api.get("/api/v1/master/admin/slaves").array().size() == 2);
    }

    @AfterAll
    void stopFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @BeforeEach
    void openBrowser() throws Exception {
        browser = chromium();
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    @Test
    void aPersonStartsAProgramTypesIntoItsTerminalAndSeesItsOutput() {
        WebDriverWait wait = start("cat", "browser-user", "us/ny");
        awaitTerminal(wait);

        assertThat(browser.findElement(By.id("status")).getText()).contains("Running cat as process")
                .contains("linked through browser-slave");
        type("typed in a browsr", Keys.BACK_SPACE, "er"); // the line is edited before it is sent
        awaitTerminalLine(wait, "typed in a browser");

        long pid = sessionOf("browser-user").getJsonNumber("pid").longValue();
        browser.findElement(By.id("end")).click();
        Eventually.await("ending the session in the page ends the program", PATIENCE,
                () -> ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true));
    }

    @Test
    void thePageFollowsTheMastersRedirectToTheNearerSlave() {
        WebDriverWait wait = start("cat", "berlin-user", "eu/de/ber");
        awaitTerminal(wait);

        assertThat(browser.findElement(By.id("status")).getText()).contains("linked through edge");
        type("relayed by edge");
        awaitTerminalLine(wait, "relayed by edge");

        long pid = sessionOf("berlin-user").getJsonNumber("pid").longValue();
        browser.findElement(By.id("end")).click();
        Eventually.await("the page ends the session it opened through edge", PATIENCE,
                () -> ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true));
    }

    @Test
    void afterAReloadThePageAttachesToTheSameProgramAgain() {
        WebDriverWait wait = start("cat", "reloading-user", "us/ny");
        awaitTerminal(wait);
        type("before the reload");
        awaitTerminalLine(wait, "before the reload");
        long pid = sessionOf("reloading-user").getJsonNumber("pid").longValue();

        browser.navigate().refresh(); // the page's link drops without a clean close; the program keeps running
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#sessions button.attach"))).click();
        awaitTerminal(wait);
        type("after the reload");
        awaitTerminalLine(wait, "after the reload");

        assertThat(browser.findElement(By.id("status")).getText()).contains("process " + pid);
        assertThat(ProcessHandle.of(pid)).as("the same program").hasValueSatisfying(
                process -> assertThat(process.isAlive()).isTrue());

        start("cat", "reloading-user", "us/ny"); // the same client asks for the same application again
        awaitTerminal(wait);
        assertThat(browser.findElement(By.id("status")).getText())
                .contains("Attached to your running cat, process " + pid);
        type("asked again");
        awaitTerminalLine(wait, "asked again");
        assertThat(api.get("/api/v1/master/admin/sessions?limit=50").array().getValuesAs(JsonObject.class).stream()
                .filter(session -> session.getString("clientId").equals("reloading-user"))).as("no second program")
                .hasSize(1);
        browser.findElement(By.cssSelector("#sessions button.end")).click();
        Eventually.await("ending the session from the list ends the program", PATIENCE,
                () -> ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("mine")));
    }

    /**
     * A desktop application (xterm on a virtual display, shown by a VNC server on the session's port) shown with noVNC
     * over the relay: the remote desktop's pixels reach the page's canvas.
     */
    @Test
    void aRemoteDesktopIsShownInThePage() throws Exception {
        WebDriverWait wait = start("desktop", "desktop-user", "us/ny");
        long pid = sessionOf("desktop-user").getJsonNumber("pid").longValue();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#desktop[data-linked] canvas")));
        WebElement canvas = browser.findElement(By.cssSelector("#desktop canvas"));
        wait.until(page -> colours(canvas) > 1);
        List<ProcessHandle> desktop = ProcessHandle.of(pid).orElseThrow().descendants().toList();

        browser.findElement(By.id("end")).click();
        Eventually.await("ending the session ends the desktop: Xvfb, x11vnc and xterm", PATIENCE,
                () -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                        && desktop.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(desktop).as("the desktop's processes").hasSizeGreaterThanOrEqualTo(3);
    }

    /** Opens the balancer's page and starts {@code app} there; returns once the page shows the program's view. */
    private WebDriverWait start(String app, String client, String location) {
        browser.get(fleet.balancer().url() + "/");
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#app option[value='" + app + "']")));
        new Select(browser.findElement(By.id("app"))).selectByValue(app);
        browser.findElement(By.id("client")).clear();
        browser.findElement(By.id("client")).sendKeys(client);
        browser.findElement(By.id("location")).sendKeys(location);
        browser.findElement(By.id("launch")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("linked")));
        return wait;
    }

    /** Waits until the terminal's relay is open. */
    private static void awaitTerminal(WebDriverWait wait) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#terminal[data-linked] .xterm-screen")));
    }

    /** Types a line into the terminal, as a person does: into the focused terminal, then Enter. */
    private void type(CharSequence... keys) {
        browser.findElement(By.cssSelector("#terminal .xterm-screen")).click();
        new Actions(browser).sendKeys(keys).sendKeys(Keys.ENTER).perform();
    }

    /**
     * Waits until {@code line} shows twice on the terminal's rows: the terminal's echo of what was typed, and the
     * program's output (cat sends back what it reads).
     */
    private void awaitTerminalLine(WebDriverWait wait, String line) {
        By rows = By.cssSelector("#terminal .xterm-rows");
        wait.withMessage(() -> "the terminal shows:\n" + browser.findElement(rows).getText())
                .until(page -> page.findElement(rows).getText().lines()
                        .filter(row -> row.strip().equals(line)).count() >= 2);
    }

    /** How many colours a screenshot of {@code element} has (stopping at two). */
    private static int colours(WebElement element) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(element.getScreenshotAs(OutputType.BYTES)));
            Set<Integer> seen = new HashSet<>();
            for (int y = 0; y < image.getHeight() && seen.size() < 2; y++) {
                for (int x = 0; x < image.getWidth() && seen.size() < 2; x++) {
                    seen.add(image.getRGB(x, y));
                }
            }
            return seen.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonObject sessionOf(String client) {
        return api.get("/api/v1/master/admin/sessions?limit=10").array().getValuesAs(JsonObject.class).stream()
                .filter(session -> session.getString("clientId").equals(client)).findFirst()
                .orElseThrow(() -> new AssertionError("the master lists no session of " + client));
    }

    /** cat, bash, and a remote desktop (xterm). */
    private static Path testCatalog() throws URISyntaxException {
        return Path.of(BrowserIT.class.getResource("/desktop/catalog.json").toURI());
    }

    private static WebDriver chromium() throws Exception {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new AssertionError("the browser test needs Debian's chromium and chromium-driver packages ("
                    + CHROMIUM + ", " + CHROMEDRIVER + "); .ci/run installs them");
        }
        Path profile = Files.createTempDirectory(MicroInstance.workdir().toAbsolutePath(), "chromium-");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
