package invthink.enrich;

import invthink.avro.AugmentedExample;
import invthink.avro.DeadLetter;
import invthink.avro.Prompt;
import invthink.openai.LocalChatServer;
import invthink.openai.OpenAiChatClient;
import invthink.openai.OpenAiConfig;
import invthink.registry.EmbeddedSchemaRegistry;
import invthink.registry.RegistryConfig;
import invthink.serde.SpecificAvroDeserializer;
import invthink.serde.SpecificAvroSerializer;
import invthink.teacher.ChatTeacher;
import invthink.teacher.ChatTeacherSettings;
import invthink.teacher.OfflineTeacher;
import invthink.testkit.SharedKafka;
import invthink.topic.TopicCreator;
import invthink.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** One isolated pipeline (fresh topic prefix) on SharedKafka and an embedded registry. */
final class EnrichFixture implements AutoCloseable {

    final EmbeddedSchemaRegistry registry;
    final Topics topics;
    final Map<String, Object> config;

    EnrichFixture() {
        registry = EmbeddedSchemaRegistry.start(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafka.bootstrapServers()), SharedKafka.uniqueTopic("_schemas"), "127.0.0.1", 0);
        topics = new Topics(SharedKafka.uniqueTopic("t") + ".");
        try (Admin admin = SharedKafka.admin()) {
            TopicCreator.ensure(admin, topics.all().stream().filter(t -> !t.name().equals(topics.schemas())).toList());
        }
        Map<String, Object> c = new HashMap<>();
        c.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        c.put(RegistryConfig.URL, registry.url());
        // A crashed member must not hold partitions for the default 45 s.
        c.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6000);
        c.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1000);
        config = Map.copyOf(c);
    }

    static EnrichSettings settings(String group) {
        return EnrichSettings.defaults(group, "0")
                .withMaxInFlight(8)
                .withRetries(4, Duration.ofMillis(50), Duration.ofMillis(200))
                .withOutage(50, Duration.ofMillis(100), Duration.ofMillis(400))
                .withShutdownGrace(Duration.ofSeconds(5));
    }

    static ChatTeacher chatTeacher(LocalChatServer server, Duration timeout) {
        OpenAiConfig c = OpenAiConfig.of(server.baseUrl(), "test-teacher")
                .withRequestTimeout(timeout)
                .withRetries(1, Duration.ofMillis(20), Duration.ofMillis(100));
        return new ChatTeacher(new OpenAiChatClient(c, n -> null), new ChatTeacherSettings(3, 0.0, 512, Map.of()));
    }

    static Prompt prompt(String text) {
        return Prompt.newBuilder()
                .setId(HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8)))
                .setText(text)
                .setSource("test")
                .setReceivedAt(Instant.now())
                .build();
    }

    /** A valid 3-route trace for a text, as a teacher would write it. */
    static String validTrace(String text) {
        return new OfflineTeacher(3).answer(prompt(text)).text();
    }

    /** The request text the teacher was sent (the user turn starts with "Request:\n"). */
    static String requestText(LocalChatServer.Call call) {
        String user = call.messages().get(1).content();
        int at = user.indexOf("Request:\n");
        return at < 0 ? user : user.substring(at + "Request:\n".length()).strip();
    }

    void send(List<Prompt> prompts) {
        SpecificAvroSerializer<Prompt> serializer = new SpecificAvroSerializer<>();
        serializer.configure(config, false);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (Prompt p : prompts) {
            records.add(new ProducerRecord<>(topics.prompts(), p.getId().getBytes(StandardCharsets.UTF_8),
                    serializer.serialize(topics.prompts(), p)));
        }
        write(records);
    }

    void sendRaw(byte[] key, byte[] value) {
        write(List.of(new ProducerRecord<>(topics.prompts(), key, value)));
    }

    /** Writes and checks every acknowledgement: a lost input must fail here, not as a missing output later. */
    private static void write(List<ProducerRecord<byte[], byte[]>> records) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(SharedKafka.clientConfig(Map.of()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> acks = records.stream().map(producer::send).toList();
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not write test input: " + e.getCause(), e.getCause());
        }
    }

    List<AugmentedExample> traces(String isolation) {
        SpecificAvroDeserializer<AugmentedExample> d = new SpecificAvroDeserializer<>(AugmentedExample.class);
        d.configure(config, false);
        return readAll(topics.traces(), isolation).stream().map(r -> d.deserialize(r.topic(), r.value())).toList();
    }

    List<DeadLetter> deadLetters() {
        SpecificAvroDeserializer<DeadLetter> d = new SpecificAvroDeserializer<>(DeadLetter.class);
        d.configure(config, false);
        return readAll(topics.dlq(), "read_committed").stream().map(r -> d.deserialize(r.topic(), r.value())).toList();
    }

    /** Waits, reading committed traces and dead letters as they arrive, until they reach {@code count}. */
    void awaitOutputs(int count, Duration timeout) {
        Map<String, Object> c = new HashMap<>(SharedKafka.clientConfig(Map.of()));
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (String topic : List.of(topics.traces(), topics.dlq())) {
                consumer.partitionsFor(topic).forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long deadline = System.nanoTime() + timeout.toNanos();
            int seen = 0;
            while (seen < count) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out waiting for " + count + " outputs; saw " + seen);
                }
                seen += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
    }

    /** Every record of a topic up to its current end (the last stable offset under read_committed). */
    List<ConsumerRecord<byte[], byte[]>> readAll(String topic, String isolation) {
        Map<String, Object> c = new HashMap<>(SharedKafka.clientConfig(Map.of()));
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            Predicate<TopicPartition> behind = tp -> consumer.position(tp) < end.get(tp);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (parts.stream().anyMatch(behind) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
            }
        }
        return out;
    }

    @Override
    public void close() {
        registry.close();
    }
}
