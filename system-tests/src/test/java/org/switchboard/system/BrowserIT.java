package org.switchboard.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser page in real headless Chromium (Debian's chromium and chromedriver): start a program, type, see it;
 * when the master prefers another slave, the page follows the redirect there; after a reload it attaches to the same
 * program again. The balancer's own slave is in New
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
    void startFleet() {
        fleet = new LocalFleet("browser", "us/ny", 100).agent("web-agent", "eu/de", 4).slave("edge", "eu/de")
                .start();
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
    void aPersonStartsAProgramTypesIntoItAndSeesItsOutput() {
        WebDriverWait wait = start("cat", "browser-user", "us/ny");

        assertThat(browser.findElement(By.id("status")).getText()).contains("Running cat as process")
                .contains("linked through browser-slave");
        browser.findElement(By.id("line")).sendKeys("typed in a browser", Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("output"), "typed in a browser"));

        long pid = sessionOf("browser-user").getJsonNumber("pid").longValue();
        browser.findElement(By.id("end")).click();
        Eventually.await("ending the session in the page ends the program", PATIENCE,
                () -> ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true));
    }

    @Test
    void thePageFollowsTheMastersRedirectToTheNearerSlave() {
        WebDriverWait wait = start("cat", "berlin-user", "eu/de/ber");

        assertThat(browser.findElement(By.id("status")).getText()).contains("linked through edge");
        browser.findElement(By.id("line")).sendKeys("relayed by edge", Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("output"), "relayed by edge"));

        long pid = sessionOf("berlin-user").getJsonNumber("pid").longValue();
        browser.findElement(By.id("end")).click();
        Eventually.await("the page ends the session it opened through edge", PATIENCE,
                () -> ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true));
    }

    @Test
    void afterAReloadThePageAttachesToTheSameProgramAgain() {
        WebDriverWait wait = start("cat", "reloading-user", "us/ny");
        browser.findElement(By.id("line")).sendKeys("before the reload", Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("output"), "before the reload"));
        long pid = sessionOf("reloading-user").getJsonNumber("pid").longValue();

        browser.navigate().refresh(); // the page's link drops without a clean close; the program keeps running
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#sessions button.attach"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("line")));
        browser.findElement(By.id("line")).sendKeys("after the reload", Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("output"), "after the reload"));

        assertThat(browser.findElement(By.id("status")).getText()).contains("process " + pid);
        assertThat(ProcessHandle.of(pid)).as("the same program").hasValueSatisfying(
                process -> assertThat(process.isAlive()).isTrue());
        browser.findElement(By.cssSelector("#sessions button.end")).click();
        Eventually.await("ending the session from the list ends the program", PATIENCE,
                () -> ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("mine")));
    }

    /** Opens the balancer's page and starts {@code app} there; returns once the program's input line shows. */
    private WebDriverWait start(String app, String client, String location) {
        browser.get(fleet.balancer().url() + "/");
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#app option[value='" + app + "']")));
        new Select(browser.findElement(By.id("app"))).selectByValue(app);
        browser.findElement(By.id("client")).clear();
        browser.findElement(By.id("client")).sendKeys(client);
        browser.findElement(By.id("location")).sendKeys(location);
        browser.findElement(By.id("launch")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("line")));
        return wait;
    }

    private JsonObject sessionOf(String client) {
        return api.get("/api/v1/master/admin/sessions?limit=10").array().getValuesAs(JsonObject.class).stream()
                .filter(session -> session.getString("clientId").equals(client)).findFirst()
                .orElseThrow(() -> new AssertionError("the master lists no session of " + client));
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
