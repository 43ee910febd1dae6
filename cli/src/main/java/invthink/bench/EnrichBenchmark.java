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

    /** @param prefix topic prefix under which each run creates its own fresh topics */
    public EnrichBenchmark(Map<String, Object> kafkaConfig, String registryUrl, String prefix) {
        this.kafkaConfig = Map.copyOf(kafkaConfig);
        this.registryUrl = registryUrl;
        this.prefix = prefix;
    }

    /**
     * Runs with the simulated teacher over HTTP; latency per call {@code latency}, {@code concurrency}
     * calls open; records flow for {@code warmup} before the measured ones are sent.
     */
    public Measurement simulated(int records, int concurrency, Duration latency, Duration warmup) throws Exception {
        LocalChatServer.Reply canned = LocalChatServer.Reply.completion(new OfflineTeacher(5).answer(prompt("canned", 0)).text())
                .delayed(latency.toMillis());
        try (LocalChatServer server = LocalChatServer.answering(canned)) {
            OpenAiConfig config = OpenAiConfig.of(server.baseUrl(), "simulated-teacher")
                    .withRequestTimeout(Duration.ofSeconds(60));
            Teacher teacher = new ChatTeacher(new OpenAiChatClient(config, n -> null),
                    new ChatTeacherSettings(5, 0.0, 1024, Map.of()));
            return run("enrich: simulated teacher C=" + concurrency + " L=" + latency.toMillis() + "ms", teacher, records,
                    concurrency, warmup);
        }
    }

    /** Runs with the offline teacher, which answers at once. */
    public Measurement offline(int records, int concurrency, Duration warmup) throws Exception {
        return run("enrich: offline teacher", new OfflineTeacher(5), records, concurrency, warmup);
    }

    private Measurement run(String name, Teacher teacher, int records, int concurrency, Duration warmup) throws Exception {
        Topics topics = new Topics(prefix + "bench.enrich." + System.nanoTime() + ".");
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(RegistryConfig.URL, registryUrl);
        try (Admin admin = Admin.create(kafkaConfig)) {
            TopicCreator.ensure(admin, topics.all().stream().filter(t -> !t.name().equals(topics.schemas())).toList());
            EnrichSettings settings = EnrichSettings.defaults("bench-" + System.nanoTime(), "0").withMaxInFlight(concurrency);
            try (Enricher enricher = new Enricher(settings, config, topics, teacher).start();
                 Traffic traffic = new Traffic(topics, config)) {
                // Warm up: group joined, partitions assigned, registry subjects registered, and rounds
                // until the JIT has had the warm-up time to compile the hot paths (broker, clients,
                // HTTP): a measurement that starts cold times the compiler as much as the stage.
                int round = Math.max(2 * concurrency, 100);
                long warmStart = System.nanoTime();
                do {
                    traffic.send(round, "warmup", new HashMap<>());
                    traffic.awaitAll(Map.of());
                } while (System.nanoTime() - warmStart < warmup.toNanos());
                Map<String, Long> sentAt = new HashMap<>();
                long start = System.nanoTime();
                traffic.send(records, "timed", sentAt);
                long[] latencies = traffic.awaitAll(sentAt);
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

    /** Prompts in, committed traces counted out; one producer and one consumer for the whole run. */
    private final class Traffic implements AutoCloseable {

        private final Topics topics;
        private final SpecificAvroSerializer<Prompt> serializer = new SpecificAvroSerializer<>();
        private final KafkaProducer<byte[], byte[]> producer;
        private final KafkaConsumer<byte[], byte[]> consumer;
        private int sent;
        private int seen;

        Traffic(Topics topics, Map<String, Object> config) {
            this.topics = topics;
            serializer.configure(config, false);
            producer = new KafkaProducer<>(clientConfig(config), new ByteArraySerializer(), new ByteArraySerializer());
            Map<String, Object> c = clientConfig(kafkaConfig);
            c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> parts = consumer.partitionsFor(topics.traces()).stream()
                    .map(i -> new TopicPartition(topics.traces(), i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
        }

        /** Sends {@code n} new prompts, noting the send time of each in {@code sentAt}. */
        void send(int n, String tag, Map<String, Long> sentAt) {
            String run = tag + System.nanoTime();
            for (int i = 0; i < n; i++) {
                Prompt p = prompt(run, i);
                sentAt.put(p.getId(), System.currentTimeMillis());
                producer.send(new ProducerRecord<>(topics.prompts(), p.getId().getBytes(StandardCharsets.UTF_8),
                        serializer.serialize(topics.prompts(), p)));
            }
            producer.flush();
            sent += n;
        }

        /**
         * Reads committed traces until one per prompt sent has arrived; the latencies (commit-side
         * write time minus send time) of those in {@code sentAt}.
         */
        long[] awaitAll(Map<String, Long> sentAt) {
            List<Long> latencies = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (seen < sent) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + seen + " of " + sent + " traces within " + TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    seen++;
                    Long at = sentAt.get(new String(r.key(), StandardCharsets.UTF_8));
                    if (at != null) {
                        latencies.add(Math.max(0, r.timestamp() - at) * 1_000_000L);
                    }
                }
            }
            return latencies.stream().mapToLong(Long::longValue).toArray();
        }

        @Override
        public void close() {
            producer.close();
            consumer.close();
        }
    }

    private static Map<String, Object> clientConfig(Map<String, Object> config) {
        Map<String, Object> c = new HashMap<>(config);
        c.keySet().removeIf(k -> k.startsWith("schema.registry."));
        return c;
    }
}
