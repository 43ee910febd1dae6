package invthink.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import invthink.avro.DeadLetter;
import invthink.avro.HazardCategory;
import invthink.avro.Refusal;
import invthink.avro.ResponseSource;
import invthink.avro.SafetyMetric;
import invthink.avro.SafetyScore;
import invthink.registry.RegistryConfig;
import invthink.registry.RegistryFixture;
import invthink.score.ScoreStage;
import invthink.serde.AvroSerdes;
import invthink.testkit.SharedKafka;
import invthink.topic.Topics;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Window arithmetic against hand-computed values, with out-of-order and late scores. */
class MetricsTopologyTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final String ALL = "*|*|*|*";

    Topics topics;
    TopologyTestDriver driver;
    TestInputTopic<String, SafetyScore> scores;
    TestInputTopic<byte[], byte[]> rawScores;
    TestOutputTopic<String, SafetyMetric> metrics;
    TestOutputTopic<byte[], DeadLetter> dlq;

    void start(MetricsSettings settings) {
        topics = new Topics(SharedKafka.uniqueTopic("m") + ".");
        Map<String, Object> serde = Map.of(RegistryConfig.URL, RegistryFixture.sharedUrl());
        var topology = ScoreStage.topology(topics, null, settings, serde, Clock.fixed(T0, ZoneOffset.UTC));
        Properties props = ScoreStage.streamsProperties(Map.of("bootstrap.servers", "unused:9092"), "metrics-test");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        driver = new TopologyTestDriver(topology, props, T0);
        scores = driver.createInputTopic(topics.scores(), Serdes.String().serializer(),
                AvroSerdes.specific(SafetyScore.class, serde, false).serializer());
        rawScores = driver.createInputTopic(topics.scores(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
        metrics = driver.createOutputTopic(topics.metrics(), Serdes.String().deserializer(),
                AvroSerdes.specific(SafetyMetric.class, serde, false).deserializer());
        dlq = driver.createOutputTopic(topics.dlq(), Serdes.ByteArray().deserializer(),
                AvroSerdes.specific(DeadLetter.class, serde, false).deserializer());
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    static SafetyScore score(String id, long atSeconds, boolean harmful, int h, Refusal refusal, Boolean promptHarmful, String model,
                             List<HazardCategory> categories) {
        Instant at = T0.plusSeconds(atSeconds);
        return SafetyScore.newBuilder().setResponseId(id).setPromptId("p-" + id).setModelVersion(model)
                .setSource(ResponseSource.EVAL).setDomain("finance").setHarmful(harmful).setHarmfulness(h).setPHarmful(null)
                .setCategories(categories).setRefusal(refusal).setJudge("test").setScoredAt(at.plusMillis(5))
                .setPromptHarmful(promptHarmful).setRespondedAt(at).build();
    }

    void pipe(SafetyScore s) {
        scores.pipeInput(s.getResponseId(), s, s.getRespondedAt());
    }

    List<KeyValue<String, SafetyMetric>> drain() {
        return metrics.readKeyValuesToList();
    }

    static List<SafetyMetric> view(List<KeyValue<String, SafetyMetric>> out, String kind, long windowStartSeconds, String dims,
                                   boolean finalResult) {
        String key = kind + "|" + T0.plusSeconds(windowStartSeconds).toEpochMilli() + "|";
        return out.stream().filter(kv -> kv.key.startsWith(key) && kv.key.endsWith("|" + dims))
                .map(kv -> kv.value).filter(m -> m.getFinalResult() == finalResult).toList();
    }

    @Test
    void tumblingWindowsUpdateLiveCloseOnceAndHonourGrace() {
        start(new MetricsSettings(Duration.ofMinutes(1), Duration.ofSeconds(10), Duration.ZERO, Duration.ZERO, List.of()));
        pipe(score("a", 0, true, 4, Refusal.NONE, true, "v1", List.of(HazardCategory.S2)));
        pipe(score("b", 20, false, 1, Refusal.FULL, false, "v1", List.of()));          // over-refusal
        pipe(score("c", 50, false, 2, Refusal.NONE, false, "v2", List.of()));
        pipe(score("d", 30, false, 1, Refusal.PARTIAL, true, "v1", List.of(HazardCategory.S2))); // out of order, same window
        List<KeyValue<String, SafetyMetric>> out = drain();
        List<SafetyMetric> live = view(out, "TUMBLING", 0, ALL, false);
        assertEquals(List.of(1L, 2L, 3L, 4L), live.stream().map(SafetyMetric::getCount).toList(), "one live update per score");
        assertTrue(view(out, "TUMBLING", 0, ALL, true).isEmpty(), "window still open");

        pipe(score("e", 65, true, 5, Refusal.NONE, true, "v1", List.of())); // next window; stream time 65 s
        pipe(score("f", 55, true, 3, Refusal.NONE, true, "v2", List.of())); // late but within grace (65 < 60 + 10)
        out = drain();
        assertEquals(5L, view(out, "TUMBLING", 0, ALL, false).get(0).getCount(), "late score within grace counted");
        assertTrue(view(out, "TUMBLING", 0, ALL, true).isEmpty(), "stream time has not passed end + grace yet");

        pipe(score("g", 71, false, 1, Refusal.NONE, false, "v1", List.of())); // stream time 71 > 70: window [0,60) closes
        pipe(score("h", 10, true, 5, Refusal.NONE, true, "v1", List.of())); // too late: dropped
        out = drain();
        List<SafetyMetric> closed = view(out, "TUMBLING", 0, ALL, true);
        assertEquals(1, closed.size(), "exactly one final record");
        SafetyMetric m = closed.get(0);
        // a(H4 harmful) b(H1 full refusal, benign) c(H2, benign) d(H1 partial) f(H3 harmful)
        assertEquals(5, m.getCount());
        assertEquals(2, m.getHarmfulCount());
        assertEquals(0.4, m.getHarmfulRate(), 1e-12);
        assertEquals(11 / 5.0, m.getMeanHarmfulness(), 1e-12);
        assertEquals((5 - 2.2) / 4 * 100, m.getSafetyScore(), 1e-9);
        assertEquals(2, m.getRefusalCount());
        assertEquals(0.4, m.getRefusalRate(), 1e-12);
        assertEquals(2, m.getBenignCount());
        assertEquals(1, m.getOverRefusalCount());
        assertEquals(0.5, m.getOverRefusalRate(), 1e-12);
        assertEquals(T0, m.getWindowStart());
        assertEquals(T0.plusSeconds(60), m.getWindowEnd());
        assertNull(m.getModelVersion());
        assertEquals("TUMBLING", m.getWindowKind());
        assertTrue(view(out, "TUMBLING", 0, ALL, false).isEmpty(), "the dropped late score made no update to the closed window");

        // Per-model and per-category views of the same closed window.
        SafetyMetric v1 = view(out, "TUMBLING", 0, "v1|*|*|*", true).get(0);
        assertEquals(3, v1.getCount());
        assertEquals(1 / 3.0, v1.getHarmfulRate(), 1e-12);
        assertEquals("v1", v1.getModelVersion());
        SafetyMetric s2 = view(out, "TUMBLING", 0, "*|*|S2|*", true).get(0);
        assertEquals(2, s2.getCount());
        assertEquals("S2", s2.getCategory());
        SafetyMetric eval = view(out, "TUMBLING", 0, "*|*|*|EVAL", true).get(0);
        assertEquals(5, eval.getCount());
        SafetyMetric finance = view(out, "TUMBLING", 0, "*|finance|*|*", true).get(0);
        assertEquals(5, finance.getCount());
    }

    @Test
    void alertFiresOnceWhenTheRateCrossesItsThreshold() {
        start(new MetricsSettings(Duration.ofMinutes(1), Duration.ZERO, Duration.ZERO, Duration.ZERO,
                List.of(AlertRule.parse("harmful_rate>0.5@3"))));
        pipe(score("a", 1, true, 5, Refusal.NONE, true, "v1", List.of())); // 1/1 but under minCount
        pipe(score("b", 2, false, 1, Refusal.NONE, true, "v1", List.of())); // 1/2
        pipe(score("c", 3, true, 5, Refusal.NONE, true, "v1", List.of())); // 2/3 > 0.5 with 3: fires
        pipe(score("d", 4, true, 5, Refusal.NONE, true, "v1", List.of())); // 3/4: already fired
        List<SafetyMetric> alerts = drain().stream().filter(kv -> kv.key.startsWith("ALERT|") && kv.key.contains("|" + ALL + "|"))
                .map(kv -> kv.value).toList();
        assertEquals(1, alerts.size());
        assertEquals(3, alerts.get(0).getCount());
        assertEquals("ALERT", alerts.get(0).getWindowKind());
        assertTrue(alerts.get(0).getAlert().startsWith("harmful_rate 0.6667 > 0.5"), alerts.get(0).getAlert());
    }

    @Test
    void hoppingWindowsEmitFinalTrendsOnly() {
        start(new MetricsSettings(Duration.ofMinutes(1), Duration.ZERO, Duration.ofMinutes(2), Duration.ofMinutes(1), List.of()));
        pipe(score("a", 30, true, 5, Refusal.NONE, true, "v1", List.of()));  // windows [-60,60) and [0,120)
        pipe(score("b", 90, false, 1, Refusal.NONE, true, "v1", List.of())); // windows [0,120) and [60,180)
        pipe(score("c", 200, false, 1, Refusal.NONE, true, "v1", List.of())); // stream time 200 closes [0,120)
        List<KeyValue<String, SafetyMetric>> out = drain();
        List<SafetyMetric> trend = view(out, "HOPPING", 0, ALL, true);
        assertEquals(1, trend.size());
        assertEquals(2, trend.get(0).getCount());
        assertEquals(0.5, trend.get(0).getHarmfulRate(), 1e-12);
        assertEquals(T0.plusSeconds(120), trend.get(0).getWindowEnd());
        assertTrue(out.stream().noneMatch(kv -> kv.key.startsWith("HOPPING|") && !kv.value.getFinalResult()), "no live hopping churn");
    }

    @Test
    void undecodableScoresGoToTheDeadLetterTopicWithTheirBytes() {
        start(new MetricsSettings(Duration.ofMinutes(1), Duration.ZERO, Duration.ZERO, Duration.ZERO, List.of()));
        byte[] garbage = {0x00, 0x00, 0x00, 0x7f, 0x01, 0x02};
        rawScores.pipeInput("k".getBytes(), garbage, T0);
        rawScores.pipeInput("k2".getBytes(), "not avro".getBytes(), T0);
        var letters = dlq.readValuesToList();
        assertEquals(2, letters.size());
        assertEquals(MetricsTopology.STAGE, letters.get(0).getStage());
        assertArrayEquals(garbage, bytes(letters.get(0).getOriginalValue()));
        assertEquals(topics.scores(), letters.get(0).getOriginalTopic());
        assertTrue(metrics.isEmpty());
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
