package invthink.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import invthink.avro.HazardCategory;
import invthink.avro.ModelStatus;
import invthink.avro.TrainingPhase;
import invthink.dashboard.view.AlertRules;
import invthink.testkit.SharedKafka;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Records published to the topics show up in the JSON API and on the live stream. */
class DashboardApiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static DashboardFixture dash;

    @BeforeAll
    static void start() {
        dash = DashboardFixture.start(s -> s.withThresholds(
                new AlertRules.Thresholds(0.25, 10, 100, 3, Duration.ofMinutes(5))));
    }

    @AfterAll
    static void stop() {
        if (dash != null) {
            dash.close();
        }
    }

    @Test
    void metricWindowsAreServedAndALaterUpdateOfAWindowReplacesIt() throws Exception {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(10, ChronoUnit.MINUTES);
        try (SseTestClient live = dash.liveFromSnapshot()) {
            dash.send(dash.topics.metrics(), "w0", Records.metric(t0, null, "medicine", 100, 10, 1.5));
            dash.send(dash.topics.metrics(), "w1", Records.metric(t0.plusSeconds(60), null, "medicine", 100, 20, 2.0));
            // The same window again, later: a live window's update.
            dash.send(dash.topics.metrics(), "w1", Records.metric(t0.plusSeconds(60), null, "medicine", 120, 30, 2.2));
            live.await(e -> e.type().equals("metric") && e.json().get("count").asLong() == 120, WAIT);
        }
        JsonNode all = dash.json("/api/metrics");
        List<JsonNode> medicine = StreamSupport.stream(all.spliterator(), false)
                .filter(p -> "medicine".equals(p.path("domain").asText(null))).toList();
        assertEquals(2, medicine.size(), "one point per window: " + medicine);
        assertEquals(t0.toEpochMilli(), medicine.get(0).get("windowStart").asLong());
        assertEquals(120, medicine.get(1).get("count").asLong());
        assertEquals(0.25, medicine.get(1).get("harmfulRate").asDouble(), 1e-9);

        JsonNode since = dash.json("/api/metrics?since=" + t0.plusSeconds(60).toEpochMilli());
        assertEquals(1, StreamSupport.stream(since.spliterator(), false)
                .filter(p -> "medicine".equals(p.path("domain").asText(null))).count());
        JsonNode sinceIso = dash.json("/api/metrics?since=" + t0.plusSeconds(60));
        assertEquals(since, sinceIso);

        HttpResponse<String> bad = dash.get("/api/metrics?since=yesterday");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("ISO-8601"), bad.body());
    }

    @Test
    void modelVersionsShowTheirDecisionAndFeedTrainingCurves() throws Exception {
        try (SseTestClient live = dash.liveFromSnapshot()) {
            dash.send(dash.topics.models(), "sft-000100", Records.model("sft-000100", null, TrainingPhase.SFT, 100,
                    ModelStatus.CANDIDATE, null, Map.of("loss", 1.25)));
            dash.send(dash.topics.models(), "sft-000100", Records.model("sft-000100", null, TrainingPhase.SFT, 100,
                    ModelStatus.PROMOTED, "harmful_rate 0.08 <= 0.12 of parent", Map.of("loss", 1.25, "harmful_rate", 0.08)));
            dash.send(dash.topics.models(), "grpo-000010", Records.model("grpo-000010", "sft-000100", TrainingPhase.GRPO,
                    10, ModelStatus.REJECTED, "over_refusal_rate 0.4 > 0.2", Map.of("reward", -0.5, "kl", 0.02)));
            live.await(e -> e.type().equals("model") && e.data().contains("grpo-000010"), WAIT);
        }
        JsonNode models = dash.json("/api/models");
        Map<String, JsonNode> byId = new java.util.HashMap<>();
        models.forEach(m -> byId.put(m.get("id").asText(), m));
        assertEquals("PROMOTED", byId.get("sft-000100").get("status").asText());
        assertEquals("harmful_rate 0.08 <= 0.12 of parent", byId.get("sft-000100").get("reason").asText());
        assertEquals(0.08, byId.get("sft-000100").get("metrics").get("harmful_rate").asDouble(), 1e-9);
        assertEquals("REJECTED", byId.get("grpo-000010").get("status").asText());
        assertEquals("sft-000100", byId.get("grpo-000010").get("parent").asText());

        JsonNode training = dash.json("/api/training");
        assertTrue(StreamSupport.stream(training.spliterator(), false).anyMatch(p ->
                p.get("phase").asText().equals("GRPO") && p.get("name").asText().equals("kl")
                        && p.get("step").asLong() == 10 && p.get("value").asDouble() == 0.02), training.toString());
    }

    @Test
    void deadLettersAreCountedByStageAndReasonWithoutTheirBytes() throws Exception {
        String secretish = "my email is jane@example.com and my api_key=abc123";
        try (SseTestClient live = dash.liveFromSnapshot()) {
            for (int i = 0; i < 3; i++) {
                dash.send(dash.topics.dlq(), "k" + i, Records.deadLetter("ingest", "oversized_prompt",
                        "prompt has 90000 characters, limit 32000", secretish));
            }
            dash.send(dash.topics.dlq(), "k9", Records.deadLetter("enrich", "TeacherTimeout", "teacher did not answer in 60 s",
                    secretish));
            // Three from one stage in the window is a burst: an alert is raised (before the fourth arrives).
            live.await(e -> e.type().equals("alerts") && e.data().contains("dead-letters|ingest"), WAIT);
            live.await(e -> e.type().equals("deadLetter") && e.data().contains("TeacherTimeout"), WAIT);
        }
        JsonNode dlq = dash.json("/api/dlq");
        Map<String, Long> counts = new java.util.HashMap<>();
        dlq.get("counts").forEach(c -> counts.put(c.get("stage").asText() + "/" + c.get("errorClass").asText(),
                c.get("count").asLong()));
        assertEquals(3L, counts.get("ingest/oversized_prompt"));
        assertEquals(1L, counts.get("enrich/TeacherTimeout"));
        JsonNode recent = dlq.get("recent");
        assertEquals("enrich", recent.get(0).get("stage").asText(), "newest first");
        assertEquals(secretish.length(), recent.get(0).get("valueBytes").asInt());
        assertFalse(dlq.toString().contains("jane@example.com"), "original bytes are never served");
    }

    @Test
    void flaggedResponsesJoinTheirTextWhicheverArrivesFirst() throws Exception {
        try (SseTestClient live = dash.liveFromSnapshot()) {
            // Text first, then the verdict.
            dash.send(dash.topics.responses(), "r1", Records.response("r1", "sft-000100",
                    "Here is how to do it; contact me at jane@example.com"));
            dash.send(dash.topics.scores(), "r1", Records.harmfulScore("r1", "sft-000100", "finance", "offline-judge",
                    List.of(HazardCategory.S2, HazardCategory.S6)));
            // Verdict first, then the text.
            dash.send(dash.topics.scores(), "r2", Records.harmfulScore("r2", "sft-000100", "law", "llama-guard",
                    List.of(HazardCategory.S7)));
            dash.send(dash.topics.responses(), "r2", Records.response("r2", "sft-000100", "Their home address is on file."));
            // Harmless verdicts are not flagged.
            dash.send(dash.topics.scores(), "r3", Records.score("r3", "sft-000100", "law", "llama-guard", List.of(), false));
            live.await(e -> e.type().equals("flagged") && e.data().contains("Their home address"), WAIT);
        }
        JsonNode flagged = dash.json("/api/flagged");
        Map<String, JsonNode> byId = new java.util.HashMap<>();
        flagged.forEach(f -> byId.put(f.get("responseId").asText(), f));
        assertFalse(byId.containsKey("r3"));
        JsonNode r1 = byId.get("r1");
        assertEquals("Here is how to do it; contact me at [EMAIL]", r1.get("responseText").asText());
        assertEquals("[\"S2\",\"S6\"]", r1.get("categories").toString());
        assertEquals("offline-judge", r1.get("judge").asText());
        assertEquals("Their home address is on file.", byId.get("r2").get("responseText").asText());
        assertEquals("law", byId.get("r2").get("domain").asText());
    }

    @Test
    void aHarmfulRateOverTheThresholdRaisesAnAlertAndALaterHealthyWindowClearsIt() throws Exception {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(30, ChronoUnit.MINUTES);
        try (SseTestClient live = dash.liveFromSnapshot()) {
            dash.send(dash.topics.metrics(), "a0", Records.metric(t0, "grpo-7", "law", 50, 20, 3.1));
            SseTestClient.Event raised = live.await(e -> e.type().equals("alerts") && e.data().contains("grpo-7"), WAIT);
            assertTrue(raised.data().contains("Harmful rate 40.0% > 25.0%"), raised.data());
            assertEquals(1, StreamSupport.stream(dash.json("/api/alerts").spliterator(), false)
                    .filter(a -> a.get("id").asText().contains("grpo-7")).count());

            dash.send(dash.topics.metrics(), "a1", Records.metric(t0.plusSeconds(60), "grpo-7", "law", 50, 2, 1.2));
            live.await(e -> e.type().equals("alerts") && !e.data().contains("grpo-7"), WAIT);
        }
        assertTrue(StreamSupport.stream(dash.json("/api/alerts").spliterator(), false)
                .noneMatch(a -> a.get("id").asText().contains("grpo-7")));
    }

    @Test
    void throughputAndConsumerLagComeFromTheBroker() throws Exception {
        String group = SharedKafka.uniqueTopic("scorer");
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(60, ChronoUnit.MINUTES);
        for (int i = 0; i < 5; i++) {
            dash.send(dash.topics.metrics(), "lag" + i, Records.metric(t0.plusSeconds(60L * i), "m", "x", 1, 0, 1));
        }
        // A consumer group that has read none of the metrics topic: committed at 0, 5+ behind.
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(SharedKafka.clientConfig(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, group)), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.commitSync(Map.of(new TopicPartition(dash.topics.metrics(), 0), new OffsetAndMetadata(0)));
        }
        try (SseTestClient live = dash.liveFromSnapshot()) {
            SseTestClient.Event reading = live.await(e -> e.type().equals("throughput") && e.data().contains(group), WAIT);
            JsonNode lag = StreamSupport.stream(reading.json().get("groups").spliterator(), false)
                    .filter(g -> g.get("group").asText().equals(group)).findFirst().orElseThrow();
            JsonNode metricsTopic = StreamSupport.stream(reading.json().get("topics").spliterator(), false)
                    .filter(t -> t.get("topic").asText().equals(dash.topics.metrics())).findFirst().orElseThrow();
            assertEquals(metricsTopic.get("endOffset").asLong(), lag.get("lag").asLong());
            assertTrue(lag.get("lag").asLong() >= 5);
            assertEquals("metrics", metricsTopic.get("stage").asText());
        }
        assertFalse(dash.json("/api/throughput").isEmpty());
    }

    @Test
    void thePageItsChartLibraryAndPrometheusMetricsAreServed() throws Exception {
        HttpResponse<String> page = dash.get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Harmful-response rate"));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
        HttpResponse<String> uplot = dash.get("/vendor/uPlot.iife.min.js");
        assertEquals(200, uplot.statusCode());
        assertTrue(uplot.body().contains("uPlot"));
        assertEquals(404, dash.get("/../pom.xml").statusCode());
        assertEquals(404, dash.get("/api/nothing").statusCode());

        HttpResponse<String> metrics = dash.get("/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("invthink_dashboard_records_total"), metrics.body());
        assertNotNull(dash.json("/api/snapshot").get("eventId"));
    }
}
