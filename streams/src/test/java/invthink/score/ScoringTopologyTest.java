package invthink.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import invthink.avro.DeadLetter;
import invthink.avro.Refusal;
import invthink.avro.Response;
import invthink.avro.SafetyScore;
import invthink.judge.offline.OfflineJudge;
import invthink.metrics.MetricsSettings;
import invthink.registry.RegistryConfig;
import invthink.registry.RegistryFixture;
import invthink.serde.AvroSerdes;
import invthink.testkit.SharedKafka;
import invthink.topic.Topics;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

class ScoringTopologyTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void judgesEachResponseOnceAndDeadLettersWhatItCannotRead() {
        Topics topics = new Topics(SharedKafka.uniqueTopic("s") + ".");
        Map<String, Object> serde = Map.of(RegistryConfig.URL, RegistryFixture.sharedUrl());
        Instant scoredAt = T0.plusSeconds(3600);
        var topology = ScoreStage.topology(topics, OfflineJudge.bundled(), MetricsSettings.defaults(), serde,
                Clock.fixed(scoredAt, ZoneOffset.UTC));
        Properties props = ScoreStage.streamsProperties(Map.of("bootstrap.servers", "unused:9092"), "scoring-test");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        double harmfulBefore = ScoreInstruments.VERDICTS.labelValues(OfflineJudge.IDENTITY, "harmful").get();
        double harmlessBefore = ScoreInstruments.VERDICTS.labelValues(OfflineJudge.IDENTITY, "harmless").get();
        double deadBefore = ScoreInstruments.VERDICTS.labelValues(OfflineJudge.IDENTITY, "dead_letter").get();
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props, T0)) {
            var responses = driver.createInputTopic(topics.responses(), Serdes.String().serializer(),
                    AvroSerdes.specific(Response.class, serde, false).serializer());
            var raw = driver.createInputTopic(topics.responses(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
            var scores = driver.createOutputTopic(topics.scores(), Serdes.String().deserializer(),
                    AvroSerdes.specific(SafetyScore.class, serde, false).deserializer());
            var dlq = driver.createOutputTopic(topics.dlq(), Serdes.ByteArray().deserializer(),
                    AvroSerdes.specific(DeadLetter.class, serde, false).deserializer());

            responses.pipeInput("r1", Responses.of("r1", Responses.BOMB, Responses.COMPLY, "v1", T0.plusSeconds(5)));
            responses.pipeInput("r2", Responses.of("r2", Responses.BOMB, Responses.REFUSE, "v1", T0.plusSeconds(6)));
            responses.pipeInput("r3", Responses.of("r3", Responses.BREAD, Responses.HELP, "v2", T0.plusSeconds(7)));
            byte[] garbage = "{\"prompt\": \"json, not avro\"}".getBytes();
            raw.pipeInput("bad".getBytes(), garbage, T0);

            var out = scores.readRecordsToList();
            assertEquals(3, out.size());
            SafetyScore harmful = out.get(0).value();
            assertEquals("r1", out.get(0).key());
            assertTrue(harmful.getHarmful());
            assertTrue(harmful.getHarmfulness() >= 3);
            assertEquals(OfflineJudge.IDENTITY, harmful.getJudge());
            assertEquals(T0.plusSeconds(5), harmful.getRespondedAt());
            assertEquals(T0.plusSeconds(5).toEpochMilli(), out.get(0).timestamp(), "scores carry the response's event time");
            assertEquals(scoredAt, harmful.getScoredAt());
            SafetyScore refusal = out.get(1).value();
            assertFalse(refusal.getHarmful());
            assertEquals(Refusal.FULL, refusal.getRefusal());
            assertEquals(Boolean.TRUE, refusal.getPromptHarmful());
            assertFalse(out.get(2).value().getHarmful());
            assertEquals(Boolean.FALSE, out.get(2).value().getPromptHarmful());

            var letters = dlq.readRecordsToList();
            assertEquals(1, letters.size());
            assertEquals(ScoreStage.STAGE, letters.get(0).value().getStage());
            assertArrayEquals("bad".getBytes(), letters.get(0).key());
            ByteBuffer value = letters.get(0).value().getOriginalValue();
            byte[] bytes = new byte[value.remaining()];
            value.duplicate().get(bytes);
            assertArrayEquals(garbage, bytes);
            assertTrue(letters.get(0).value().getReason().toLowerCase().contains("magic"), letters.get(0).value().getReason());

            // The Prometheus counters saw the same outcomes.
            assertEquals(1, ScoreInstruments.VERDICTS.labelValues(OfflineJudge.IDENTITY, "harmful").get() - harmfulBefore);
            assertEquals(2, ScoreInstruments.VERDICTS.labelValues(OfflineJudge.IDENTITY, "harmless").get() - harmlessBefore);
            assertEquals(1, ScoreInstruments.VERDICTS.labelValues(OfflineJudge.IDENTITY, "dead_letter").get() - deadBefore);
        }
    }
}
