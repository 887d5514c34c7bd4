package dev.enoscoap.conformance.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enoscoap.conformance.device.ReferenceDevice;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.admin.AdminServer;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.PskKeys;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live page in a real headless browser (Debian's chromium driven through chromedriver): a
 * session starts, a device is started, and the page shows purposes turning from waiting to PASS
 * without a reload; device data is shown as text, never run; the page fits a phone. A missing
 * browser skips the test, or fails it under CI=true (or -Dinterop.required=true). Leaves
 * screenshots in {@code target/}: {@code observe-page-live.png} while a stimulus is applied,
 * {@code observe-page.png} at the end, {@code observe-page-phone.png} on a phone-sized screen.
 */
class ObservationPageTest {
    private static final DeviceId IMEI = DeviceId.parse("demoProduct/860123456789012");
    private static final DeviceId DEV01 = DeviceId.parse("demoProduct/dev01");
    /** Selenium says through java.util.logging that it has no DevTools protocol for this chromium: the test needs none. */
    private static final java.util.logging.Logger SELENIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium");

    @TempDir
    Path profile;

    private WebDriver browser;

    @BeforeEach
    void startBrowser() {
        SELENIUM_LOG.setLevel(java.util.logging.Level.SEVERE);
        String chromium = executable("chromium");
        String driver = executable("chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1280, 1600));
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** The path of a program on the PATH; skips the test without it, or fails it under CI=true. */
    private static String executable(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        String reason = name + " is not on the PATH; install Debian packages chromium and chromium-driver";
        if (Boolean.getBoolean("interop.required") || "true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(reason + " (CI=true, or interop.required=true, makes a missing browser an error)");
        }
        Assumptions.abort(reason);
        return null;
    }

    /** The text of the first element {@code css} selects, read in one step: the page redraws every second. */
    private static String text(WebDriver b, String css) {
        Object t = ((JavascriptExecutor) b).executeScript(
                "var e = document.querySelector(arguments[0]); return e ? e.textContent : '';", css);
        return String.valueOf(t);
    }

    private static String badge(WebDriver b, String purpose) {
        return text(b, "tr[data-purpose='" + purpose + "'] .badge");
    }

    private WebDriverWait await(Duration d) {
        return new WebDriverWait(browser, d, Duration.ofMillis(200));
    }

    @Test
    void thePageShowsPurposesTurnFromWaitingToPassWithoutAReload() throws Exception {
        ObservationPlan plan = ObservationPlan.defaultPlan().only(Set.of("ENOS-BASE-01", "ENOS-ID-03", "ENOS-COAP-01",
                "ENOS-COAP-02", "ENOS-UP-03", "ENOS-ROB-01", "ENOS-ROB-04", "ENOS-DOWN-01", "ENOS-DOWN-02"));
        try (EnosMockServer mock = EnosMockServer.builder().start();
             ObservationSession session = ObservationSession.builder().server(mock).device(IMEI).plan(plan).start();
             AdminServer admin = routes(AdminServer.builder(), session).start(mock)) {
            browser.get(admin.uri().resolve("observe").toString());
            await(Duration.ofSeconds(10)).until(b -> badge(b, "ENOS-BASE-01").equals("waiting"));
            assertThat(text(browser, "#server")).isEqualTo(mock.coapsUri().toString());
            assertThat(text(browser, "section.device h2 .name")).isEqualTo(IMEI.toString());
            Object marker = ((JavascriptExecutor) browser).executeScript("return window.enosMarker = 'same page';");
            try (ReferenceDevice device = ReferenceDevice.builder().server(mock.coapsUri()).device(IMEI)
                    .productSecret("demo-product-secret").start()) {
                await(Duration.ofSeconds(30)).until(b -> badge(b, "ENOS-BASE-01").equals("pass"));
                assertThat(badge(browser, "ENOS-ID-03")).isEqualTo("pass");
                await(Duration.ofSeconds(60)).until(b -> badge(b, "ENOS-ROB-04").equals("stimulus applied")
                        || badge(b, "ENOS-ROB-04").equals("pass"));
                Path live = Path.of("target", "observe-page-live.png");
                Files.createDirectories(live.getParent());
                Files.write(live, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
                await(Duration.ofSeconds(90)).until(b -> "true".equals(((JavascriptExecutor) b).executeScript(
                        "return document.body.getAttribute('data-finished');")));
                assertThat(((JavascriptExecutor) browser).executeScript("return window.enosMarker;"))
                        .as("the page updated without a reload").isEqualTo(marker);
                for (String p : plan.purposes()) {
                    assertThat(badge(browser, p)).as(p).isEqualTo("pass");
                }
                assertThat(text(browser, "#gate")).isEqualTo("PASSED");
                assertThat(text(browser, "pre.journal")).contains("handshake ACCEPTED");
                Files.write(Path.of("target", "observe-page.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
                browser.manage().window().setSize(new Dimension(390, 844));
                Object overflow = ((JavascriptExecutor) browser).executeScript(
                        "return document.documentElement.scrollWidth - window.innerWidth;");
                assertThat(((Number) overflow).intValue()).as("no sideways scrolling on a phone-sized screen")
                        .isLessThanOrEqualTo(0);
                Files.write(Path.of("target", "observe-page-phone.png"),
                        ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            }
        }
    }

    @Test
    void hostileDeviceDataIsShownAsTextNeverRun() throws Exception {
        String hostile = "demoProduct,dev01,2,60,<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script>";
        try (EnosMockServer mock = EnosMockServer.builder().start();
             ObservationSession session = ObservationSession.builder().server(mock).device(DEV01)
                     .plan(ObservationPlan.defaultPlan().only(Set.of("ENOS-ID-01"))).start();
             AdminServer admin = routes(AdminServer.builder(), session).start(mock)) {
            handshake(mock, hostile);
            browser.get(admin.uri().resolve("observe").toString());
            await(Duration.ofSeconds(30)).until(b -> badge(b, "ENOS-ID-01").equals("fail"));
            await(Duration.ofSeconds(10)).until(b -> "true".equals(((JavascriptExecutor) b).executeScript(
                    "return document.body.getAttribute('data-finished');")));
            assertThat(text(browser, "tr[data-purpose='ENOS-ID-01']")).contains("<img src=x onerror=");
            assertThat(browser.findElements(By.cssSelector("main img, main script"))).isEmpty();
            assertThat(browser.getTitle()).isEqualTo("EnOS CoAP observation");
            assertThat(text(browser, "pre.journal")).contains("<script>");
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(admin.uri()
                    .resolve("observe")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .startsWith("default-src 'none'; script-src 'sha256-").contains("connect-src 'self'");
            assertThat(page.body()).doesNotContain("http://", "https://").contains("<script>");
        }
    }

    private static AdminServer.Builder routes(AdminServer.Builder b, ObservationSession session) {
        ObservationPage.routes(session).forEach(b::route);
        return b;
    }

    /** One handshake attempt with {@code identity}: the mock refuses it (a malformed identity) and journals it. */
    private static void handshake(EnosMockServer mock, String identity) throws IOException {
        Configuration config = Configuration.createStandardWithoutFile();
        config.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
        config.set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.NONE);
        config.set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, false);
        config.set(DtlsConfig.DTLS_CIPHER_SUITES, List.of(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8));
        config.set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, 300, TimeUnit.MILLISECONDS);
        config.set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, 1);
        DTLSConnector connector = new DTLSConnector(DtlsConnectorConfig.builder(config)
                .setAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .setAdvancedPskStore(new AdvancedSinglePskStore(new PskPublicInformation(identity),
                        PskKeys.derive("demo-device-secret-01"))).build());
        CoapEndpoint endpoint = CoapEndpoint.builder().setConnector(connector).setConfiguration(config).build();
        endpoint.start();
        CoapClient client = new CoapClient(URI.create(mock.coapsUri() + "/topic").toString());
        client.setEndpoint(endpoint);
        client.setTimeout(2_000L);
        try {
            client.get();
        } catch (org.eclipse.californium.elements.exception.ConnectorException | IOException e) {
            // the handshake is refused: what the test wants the mock to journal
        } finally {
            client.shutdown();
            endpoint.destroy();
        }
    }
}
