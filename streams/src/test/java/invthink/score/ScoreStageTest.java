package invthink.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import invthink.avro.DeadLetter;
import invthink.avro.Response;
import invthink.avro.SafetyMetric;
import invthink.avro.SafetyScore;
import invthink.judge.Exchange;
import invthink.judge.Judge;
import invthink.judge.JudgeException;
import invthink.judge.Verdict;
import invthink.judge.offline.OfflineJudge;
import invthink.metrics.AlertRule;
import invthink.metrics.MetricsSettings;
import invthink.registry.RegistryFixture;
import invthink.serde.AvroSerdes;
import invthink.testkit.SharedKafka;
import invthink.topic.TopicCreator;
import invthink.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** End to end on the shared broker: responses in, scores, dead letters and metrics out. */
class ScoreStageTest {

    static final int HARMFUL = 6;
    static final int SAFE = 14;

    Topics topics;
    Map<String, Object> config;

    void setUp() throws Exception {
        topics = new Topics(SharedKafka.uniqueTopic("e2e") + ".");
        TopicCreator.ensure(SharedKafka.admin(), topics.all());
        config = new HashMap<>(RegistryFixture.sharedClientConfig());
    }

    /** Writes the responses, all in one minute window, and one record that is not Avro. */
    Instant produce() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(1);
        var serializer = AvroSerdes.specific(Response.class, config, false).serializer();
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < HARMFUL + SAFE; i++) {
                Response r = i < HARMFUL ? Responses.of("h" + i, Responses.BOMB, Responses.COMPLY, "v1", at.plusMillis(i))
                        : i % 2 == 0 ? Responses.of("s" + i, Responses.BOMB, Responses.REFUSE, "v1", at.plusMillis(i))
                        : Responses.of("s" + i, Responses.BREAD, Responses.HELP, "v2", at.plusMillis(i));
                producer.send(new ProducerRecord<>(topics.responses(), r.getId(), serializer.serialize(topics.responses(), r)));
            }
            producer.send(new ProducerRecord<>(topics.responses(), "broken", new byte[] {1, 2, 3}));
        }
        return at;
    }

    <V> List<V> readUntil(String topic, Deserializer<V> values, Predicate<List<V>> done) {
        Map<String, Object> c = new HashMap<>(config);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<V> seen = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        try (var consumer = new KafkaConsumer<>(c, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            while (!done.test(seen)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out on " + topic + " with " + seen.size() + " records");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
            }
        }
        return seen;
    }

    void assertOutputs(Instant window) {
        var scores = readUntil(topics.scores(), AvroSerdes.specific(SafetyScore.class, config, false).deserializer(),
                s -> s.size() >= HARMFUL + SAFE);
        assertEquals(HARMFUL + SAFE, scores.size());
        assertEquals(HARMFUL, scores.stream().filter(SafetyScore::getHarmful).count());
        var letters = readUntil(topics.dlq(), AvroSerdes.specific(DeadLetter.class, config, false).deserializer(), l -> !l.isEmpty());
        assertEquals("score", letters.get(0).getStage());
        var metrics = readUntil(topics.metrics(), AvroSerdes.specific(SafetyMetric.class, config, false).deserializer(),
                m -> m.stream().anyMatch(x -> isTotal(x, window) && x.getCount() == HARMFUL + SAFE));
        SafetyMetric total = metrics.stream().filter(x -> isTotal(x, window) && x.getCount() == HARMFUL + SAFE).findFirst().orElseThrow();
        assertEquals(HARMFUL, total.getHarmfulCount());
        assertEquals(HARMFUL / (double) (HARMFUL + SAFE), total.getHarmfulRate(), 1e-12);
        assertEquals(SAFE / 2, total.getRefusalCount());
        assertTrue(metrics.stream().anyMatch(x -> "ALERT".equals(x.getWindowKind())), "6/20 harmful crosses the 0.2 alert");
    }

    static boolean isTotal(SafetyMetric m, Instant window) {
        return "TUMBLING".equals(m.getWindowKind()) && m.getModelVersion() == null && m.getSource() == null && m.getCategory() == null
                && m.getDomain() == null && m.getWindowStart().equals(window.truncatedTo(ChronoUnit.MINUTES));
    }

    static ScoreStage.Settings settings(Topics topics) {
        return new ScoreStage.Settings(topics.prefix() + "score", new MetricsSettings(Duration.ofMinutes(1), Duration.ofSeconds(10),
                Duration.ZERO, Duration.ZERO, List.of(new AlertRule("harmful_rate", 0.2, 10))), 4, Duration.ofSeconds(30));
    }

    @Test
    void inlineJudgeEndToEnd() throws Exception {
        setUp();
        Instant window = produce();
        try (ScoreStage stage = ScoreStage.start(config, topics, OfflineJudge.bundled(), settings(topics), Clock.systemUTC())) {
            assertOutputs(window);
        }
    }

    /** A remote-style judge: answers on another thread, and fails for one response. */
    static final class RemoteStandIn implements Judge {
        final OfflineJudge local = OfflineJudge.bundled();
        final ExecutorService pool = Executors.newFixedThreadPool(2);

        @Override
        public CompletableFuture<Verdict> judge(Exchange exchange) {
            return CompletableFuture.supplyAsync(() -> local.verdict(exchange), pool);
        }

        @Override
        public String identity() {
            return "remote-stand-in";
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }

    @Test
    void remoteJudgeRunsOffTheStreamThreadEndToEnd() throws Exception {
        setUp();
        Instant window = produce();
        try (RemoteStandIn judge = new RemoteStandIn();
             ScoreStage stage = ScoreStage.start(config, topics, judge, settings(topics), Clock.systemUTC())) {
            assertOutputs(window);
        }
    }

    @Test
    void judgeFailuresAreDeadLettered() throws Exception {
        setUp();
        Judge failing = new Judge() {
            @Override
            public CompletableFuture<Verdict> judge(Exchange exchange) {
                return CompletableFuture.failedFuture(new JudgeException("endpoint said 400"));
            }

            @Override
            public String identity() {
                return "always-fails";
            }
        };
        var serializer = AvroSerdes.specific(Response.class, config, false).serializer();
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            Response r = Responses.of("x", Responses.BREAD, Responses.HELP, "v1", Instant.now());
            producer.send(new ProducerRecord<>(topics.responses(), "x", serializer.serialize(topics.responses(), r)));
        }
        try (ScoreStage stage = ScoreStage.start(config, topics, failing, settings(topics), Clock.systemUTC())) {
            var letters = readUntil(topics.dlq(), AvroSerdes.specific(DeadLetter.class, config, false).deserializer(), l -> !l.isEmpty());
            assertTrue(letters.get(0).getReason().contains("endpoint said 400"), letters.get(0).getReason());
            assertEquals(JudgeException.class.getName(), letters.get(0).getErrorClass());
        }
    }
}
