package org.switchboard.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The browser page in real headless Chromium (Debian's chromium and chromedriver): start a program, type, see it. */
class BrowserIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String CHROMIUM = System.getProperty("switchboard.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("switchboard.chromedriver", "/usr/bin/chromedriver");

    @Test
    void aPersonStartsAProgramTypesIntoItAndSeesItsOutput() throws Exception {
        try (LocalFleet fleet = new LocalFleet("browser").agent("web-agent", "eu/de", 4).start()) {
            Api api = fleet.api();
            Eventually.await("the agent is registered", PATIENCE,
                    () -> api.get("/api/v1/applications").array().toString().contains("cat"));
            WebDriver browser = chromium();
            try {
                browser.get(fleet.balancer().url() + "/");
                WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#app option[value='cat']")));
                new Select(browser.findElement(By.id("app"))).selectByValue("cat");
                browser.findElement(By.id("client")).clear();
                browser.findElement(By.id("client")).sendKeys("browser-user");
                browser.findElement(By.id("launch")).click();

                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("line")));
                assertThat(browser.findElement(By.id("status")).getText()).contains("Running cat as process");
                browser.findElement(By.id("line")).sendKeys("typed in a browser", Keys.ENTER);
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("output"), "typed in a browser"));

                JsonObject session = api.get("/api/v1/master/admin/sessions?limit=1").array().getJsonObject(0);
                assertThat(session.getString("clientId")).isEqualTo("browser-user");
                long pid = session.getJsonNumber("pid").longValue();
                browser.findElement(By.id("end")).click();
                Eventually.await("ending the session in the page ends the program", PATIENCE,
                        () -> ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true));
            } finally {
                browser.quit();
            }
        }
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
