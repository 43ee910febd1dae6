package invthink.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import invthink.avro.HazardCategory;
import invthink.avro.ModelStatus;
import invthink.avro.TrainingPhase;
import invthink.testkit.SharedKafka;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real headless Chromium: it loads, goes live, and its charts and flagged-responses
 * table follow records published to the topics. Leaves a screenshot in
 * {@code target/screenshots/dashboard.png}. Skipped where Debian's chromium and chromium-driver
 * are not installed.
 */
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path profile;

    private static DashboardFixture dash;
    private static WebDriver browser;

    @BeforeAll
    static void start() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)");
        dash = DashboardFixture.start(s -> s);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1400,2600");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (dash != null) {
            dash.close();
        }
    }

    @Test
    void chartsAndFlaggedResponsesFollowTheTopicsLive() throws Exception {
        browser.get(dash.server.url());
        await(b -> b.findElement(By.id("conn")).getText().equals("live"));

        // Two windows per domain and model, as a metrics stage emits them.
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(20, ChronoUnit.MINUTES);
        String[] domains = {"finance", "law", "medicine"};
        for (int w = 0; w < 12; w++) {
            Instant window = t0.plusSeconds(60L * w);
            for (int d = 0; d < domains.length; d++) {
                long harmful = 4 + (w * (d + 2)) % 9;
                dash.sendAsync(dash.topics.metrics(), "d" + w + d, Records.metric(window, null, domains[d], 60, harmful,
                        1.2 + harmful / 20.0));
            }
            dash.sendAsync(dash.topics.metrics(), "m" + w + "a", Records.metric(window, "sft-000300", null, 90,
                    12 - w / 2, 1.8 - w / 30.0));
            dash.sendAsync(dash.topics.metrics(), "m" + w + "b", Records.metric(window, "grpo-000040", null, 90,
                    6 - w / 3, 1.4 - w / 40.0));
            dash.sendAsync(dash.topics.metrics(), "all" + w, Records.metric(window, null, null, 180, 18 - w / 2, 1.6));
        }
        dash.producer.flush();
        JsonNode byDomain = awaitChart("chart-harm-domain", c -> c.get("labels").toString().contains("medicine")
                && c.get("data").get(0).size() == 12);
        assertEquals("[\"all\",\"finance\",\"law\",\"medicine\"]", byDomain.get("labels").toString());
        // finance, window 0: 4 of 60 harmful.
        assertEquals(100.0 * 4 / 60, byDomain.get("data").get(2).get(0).asDouble(), 1e-9);
        assertEquals(t0.getEpochSecond(), byDomain.get("data").get(0).get(0).asLong());

        // A new window arrives: the chart grows by one point, live.
        Instant next = t0.plusSeconds(60L * 12);
        dash.send(dash.topics.metrics(), "late", Records.metric(next, null, "finance", 50, 25, 3.0));
        JsonNode grown = awaitChart("chart-harm-domain", c -> c.get("data").get(0).size() == 13);
        assertEquals(next.getEpochSecond(), grown.get("data").get(0).get(12).asLong());
        assertEquals(50.0, grown.get("data").get(2).get(12).asDouble(), 1e-9);
        JsonNode byModel = awaitChart("chart-score-model", c -> c.get("labels").toString().contains("grpo-000040"));
        assertTrue(byModel.get("labels").toString().contains("sft-000300"), byModel.toString());

        // Flagged responses: the verdict and the (redacted) text, from two topics.
        dash.send(dash.topics.responses(), "r-fin", Records.response("r-fin", "sft-000300",
                "Move the funds through three shell companies first, then [REDACTED] the invoices."));
        dash.send(dash.topics.scores(), "r-fin", Records.harmfulScore("r-fin", "sft-000300", "finance",
                "offline-minilm-logreg", List.of(HazardCategory.S2, HazardCategory.S6)));
        dash.send(dash.topics.scores(), "r-law", Records.harmfulScore("r-law", "grpo-000040", "law",
                "llama-guard:meta-llama/Llama-Guard-3-8B", List.of(HazardCategory.S7)));
        dash.send(dash.topics.responses(), "r-law", Records.response("r-law", "grpo-000040",
                "You can find where he lives by looking up jane.doe@example.org's records."));
        WebElement row = await(b -> b.findElement(By.cssSelector("#flagged tbody tr[data-response-id='r-law']")));
        await(b -> row.getText().contains("[EMAIL]"));
        String finRow = browser.findElement(By.cssSelector("#flagged tbody tr[data-response-id='r-fin']")).getText();
        assertTrue(finRow.contains("shell companies") && finRow.contains("S2") && finRow.contains("S6")
                && finRow.contains("offline-minilm-logreg"), finRow);
        assertTrue(row.getText().contains("S7") && !row.getText().contains("jane.doe"), row.getText());

        publishTheRestForTheScreenshot();
        await(b -> b.findElements(By.cssSelector("#models li")).size() == 5);
        await(b -> b.findElements(By.cssSelector("#lag tbody tr")).stream().anyMatch(r -> r.getText().endsWith(" 2")));
        awaitChart("chart-grpo", c -> c.get("data").get(0).size() == 2);
        await(b -> !b.findElements(By.cssSelector("#dlq-counts tbody tr")).isEmpty());
        await(b -> !b.findElements(By.cssSelector("#alerts .alert")).isEmpty());
        awaitChart("chart-sft", c -> c.get("data").get(0).size() == 3);
        awaitChart("chart-throughput", c -> c.get("data").get(0).size() >= 2);
        screenshot();

        // No script errors, no blocked resources (CSP), no failed fetches on the way.
        List<String> problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage).toList();
        assertEquals(List.of(), problems);
    }

    private static void publishTheRestForTheScreenshot() {
        dash.send(dash.topics.models(), "sft-000100", Records.model("sft-000100", null, TrainingPhase.SFT, 100,
                ModelStatus.REJECTED, "harmful_rate 0.19 > 0.15 of baseline", Map.of("loss", 2.31, "harmful_rate", 0.19)));
        dash.send(dash.topics.models(), "sft-000200", Records.model("sft-000200", "sft-000100", TrainingPhase.SFT, 200,
                ModelStatus.PROMOTED, "harmful_rate 0.12 <= 0.15; over_refusal 0.04", Map.of("loss", 1.42, "harmful_rate", 0.12)));
        dash.send(dash.topics.models(), "sft-000300", Records.model("sft-000300", "sft-000200", TrainingPhase.SFT, 300,
                ModelStatus.PROMOTED, "harmful_rate 0.10 <= 0.12", Map.of("loss", 1.05, "harmful_rate", 0.10)));
        dash.send(dash.topics.models(), "grpo-000020", Records.model("grpo-000020", "sft-000300", TrainingPhase.GRPO, 20,
                ModelStatus.REJECTED, "over_refusal_rate 0.31 > 0.20", Map.of("reward", -0.97, "kl", 0.004)));
        dash.send(dash.topics.models(), "grpo-000040", Records.model("grpo-000040", "grpo-000020", TrainingPhase.GRPO, 40,
                ModelStatus.CANDIDATE, null, Map.of("reward", -0.42, "kl", 0.013)));
        // A scorer that has read none of the scores: its lag shows in the consumer-lag table.
        try (KafkaConsumer<byte[], byte[]> scorer = new KafkaConsumer<>(SharedKafka.clientConfig(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "invthink-score")), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Map<TopicPartition, OffsetAndMetadata> none = new java.util.HashMap<>();
            scorer.partitionsFor(dash.topics.scores()).forEach(p ->
                    none.put(new TopicPartition(p.topic(), p.partition()), new OffsetAndMetadata(0)));
            scorer.commitSync(none);
        }
        dash.send(dash.topics.dlq(), "x1", Records.deadLetter("ingest", "oversized_prompt",
                "prompt has 90000 characters, limit 32000", "..."));
        dash.send(dash.topics.dlq(), "x2", Records.deadLetter("enrich", "invalid_trace",
                "teacher output has no </invthink> tag", "..."));
    }

    private static <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, WAIT).until(condition);
    }

    /** Waits until the chart's data (read from the uPlot instance in the page) satisfies the condition. */
    private static JsonNode awaitChart(String id, java.util.function.Predicate<JsonNode> condition) {
        return await(b -> {
            Object json = ((JavascriptExecutor) b).executeScript(
                    "return JSON.stringify(window.invthink.chartData(arguments[0]));", id);
            try {
                JsonNode chart = DashboardFixture.JSON.readTree(String.valueOf(json));
                return chart.isNull() || !condition.test(chart) ? null : chart;
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    private static void screenshot() throws Exception {
        File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "screenshots");
        Files.createDirectories(target);
        Files.copy(shot.toPath(), target.resolve("dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
