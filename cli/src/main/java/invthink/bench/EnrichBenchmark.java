package invthink.bench;

import invthink.avro.Prompt;
import invthink.enrich.EnrichSettings;
import invthink.enrich.Enricher;
import invthink.openai.LocalChatServer;
import invthink.openai.OpenAiChatClient;
import invthink.openai.OpenAiConfig;
import invthink.registry.RegistryConfig;
import invthink.serde.SpecificAvroSerializer;
import invthink.teacher.ChatTeacher;
import invthink.teacher.ChatTeacherSettings;
import invthink.teacher.OfflineTeacher;
import invthink.teacher.Teacher;
import invthink.topic.TopicCreator;
import invthink.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The enrichment stage end to end on a broker: prompts in, committed traces out.
 *
 * <p>With a simulated teacher that answers every call after a fixed latency L at concurrency C,
 * no stage can beat C / L records per second; the ratio to that bound shows what the stage's own
 * work (Kafka, Avro, parsing, transactions) costs. The offline teacher's run shows the stage's
 * throughput when the teacher costs nothing.
 */
public final class EnrichBenchmark {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final Map<String, Object> kafkaConfig;
    private final String registryUrl;
    private final String prefix;
    private final Duration warmup;

    /**
     * @param prefix topic prefix under which each run creates its own fresh topics
     * @param warmup how long each run pushes records through before it measures
     */
    public EnrichBenchmark(Map<String, Object> kafkaConfig, String registryUrl, String prefix, Duration warmup) {
        this.kafkaConfig = Map.copyOf(kafkaConfig);
        this.registryUrl = registryUrl;
        this.prefix = prefix;
        this.warmup = warmup;
    }

    /** Runs with the simulated teacher over HTTP; latency per call {@code latency}, {@code concurrency} calls open. */
    public Measurement simulated(int records, int concurrency, Duration latency) throws Exception {
        LocalChatServer.Reply canned = LocalChatServer.Reply.completion(new OfflineTeacher(5).answer(prompt("canned", 0)).text())
                .delayed(latency.toMillis());
        try (LocalChatServer server = LocalChatServer.start(call -> canned)) {
            OpenAiConfig config = OpenAiConfig.of(server.baseUrl(), "simulated-teacher")
                    .withRequestTimeout(Duration.ofSeconds(60));
            Teacher teacher = new ChatTeacher(new OpenAiChatClient(config, n -> null),
                    new ChatTeacherSettings(5, 0.0, 1024, Map.of()));
            return run("enrich: simulated teacher C=" + concurrency + " L=" + latency.toMillis() + "ms", teacher, records,
                    concurrency);
        }
    }

    /** Runs with the offline teacher, which answers at once. */
    public Measurement offline(int records, int concurrency) throws Exception {
        return run("enrich: offline teacher", new OfflineTeacher(5), records, concurrency);
    }

    private Measurement run(String name, Teacher teacher, int records, int concurrency) throws Exception {
        Topics topics = new Topics(prefix + "bench.enrich." + System.nanoTime() + ".");
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(RegistryConfig.URL, registryUrl);
        try (Admin admin = Admin.create(kafkaConfig)) {
            TopicCreator.ensure(admin, topics.all().stream().filter(t -> !t.name().equals(topics.schemas())).toList());
            EnrichSettings settings = EnrichSettings.defaults("bench-" + System.nanoTime(), "0").withMaxInFlight(concurrency);
            try (Enricher enricher = new Enricher(settings, config, topics, teacher).start()) {
                // Warm up: group joined, partitions assigned, registry subjects registered, and rounds
                // until the JIT has had the warm-up time to compile the hot paths (broker, clients,
                // HTTP): a measurement that starts cold times the compiler as much as the stage.
                int round = Math.max(2 * concurrency, 100);
                int warmed = 0;
                long warmStart = System.nanoTime();
                do {
                    produce(topics, config, round, "warmup", new java.util.concurrent.ConcurrentHashMap<>());
                    warmed += round;
                    awaitTraces(topics, warmed, Map.of());
                } while (System.nanoTime() - warmStart < warmup.toNanos());
                Map<String, Long> sentAt = new java.util.concurrent.ConcurrentHashMap<>();
                long start = System.nanoTime();
                produce(topics, config, records, "timed", sentAt);
                long[] latencies = awaitTraces(topics, warmed + records, sentAt);
                long elapsed = System.nanoTime() - start;
                return Measurement.of(name, records, 0, elapsed, latencies);
            } finally {
                admin.deleteTopics(topics.all().stream().map(t -> t.name()).filter(n -> !n.equals(topics.schemas())).toList());
            }
        }
    }

    private static Prompt prompt(String run, int i) {
        String text = "Benchmark prompt " + run + " " + i + ": how should I store household chemicals safely?";
        return Prompt.newBuilder().setId(Integer.toHexString(text.hashCode()) + "-" + i).setText(text)
                .setSource("bench").setReceivedAt(Instant.now()).build();
    }

    private static void produce(Topics topics, Map<String, Object> config, int n, String tag, Map<String, Long> sentAt) {
        SpecificAvroSerializer<Prompt> serializer = new SpecificAvroSerializer<>();
        serializer.configure(config, false);
        String run = tag + System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(clientConfig(config), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < n; i++) {
                Prompt p = prompt(run, i);
                sentAt.put(p.getId(), System.currentTimeMillis());
                producer.send(new ProducerRecord<>(topics.prompts(), p.getId().getBytes(StandardCharsets.UTF_8),
                        serializer.serialize(topics.prompts(), p)));
            }
        }
    }

    /** Reads committed traces until {@code total} have arrived; latencies (commit-side write time minus send time) of those in {@code sentAt}. */
    private long[] awaitTraces(Topics topics, int total, Map<String, Long> sentAt) {
        Map<String, Object> c = clientConfig(kafkaConfig);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<Long> latencies = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topics.traces()).stream()
                    .map(i -> new TopicPartition(topics.traces(), i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            int seen = 0;
            while (seen < total) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + seen + " of " + total + " traces within " + TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    seen++;
                    Long sent = sentAt.get(new String(r.key(), StandardCharsets.UTF_8));
                    if (sent != null) {
                        latencies.add(Math.max(0, r.timestamp() - sent) * 1_000_000L);
                    }
                }
            }
        }
        return latencies.stream().mapToLong(Long::longValue).toArray();
    }

    private static Map<String, Object> clientConfig(Map<String, Object> config) {
        Map<String, Object> c = new HashMap<>(config);
        c.keySet().removeIf(k -> k.startsWith("schema.registry."));
        return c;
    }
}
