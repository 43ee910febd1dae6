package invthink.cli;

import invthink.avro.AugmentedExample;
import invthink.avro.DeadLetter;
import invthink.avro.Prompt;
import invthink.serde.SpecificAvroDeserializer;
import invthink.serde.SpecificAvroSerializer;
import invthink.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Sends prompts to and reads results from an enrichment stage on some broker. */
final class EnrichStageFixture {

    private final Map<String, Object> serdeConfig;
    private final String bootstrap;
    private final Topics topics;

    EnrichStageFixture(String bootstrap, String registryUrl, Topics topics) {
        this.bootstrap = bootstrap;
        this.topics = topics;
        this.serdeConfig = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap, "schema.registry.url", registryUrl);
    }

    static Prompt prompt(String text) {
        return Prompt.newBuilder().setId(Integer.toHexString(text.hashCode())).setText(text).setSource("test")
                .setReceivedAt(Instant.now()).build();
    }

    void send(List<Prompt> prompts) {
        SpecificAvroSerializer<Prompt> serializer = new SpecificAvroSerializer<>();
        serializer.configure(serdeConfig, false);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Prompt p : prompts) {
                producer.send(new ProducerRecord<>(topics.prompts(), p.getId().getBytes(StandardCharsets.UTF_8),
                        serializer.serialize(topics.prompts(), p)));
            }
        }
    }

    /** Committed traces, read until {@code expected} arrived (or the timeout), then to the end. */
    List<AugmentedExample> traces(int expected, Duration timeout) {
        SpecificAvroDeserializer<AugmentedExample> d = new SpecificAvroDeserializer<>(AugmentedExample.class);
        d.configure(serdeConfig, false);
        return read(topics.traces(), expected, timeout).stream().map(r -> d.deserialize(r.topic(), r.value())).toList();
    }

    List<DeadLetter> deadLetters() {
        SpecificAvroDeserializer<DeadLetter> d = new SpecificAvroDeserializer<>(DeadLetter.class);
        d.configure(serdeConfig, false);
        return read(topics.dlq(), 0, Duration.ofSeconds(5)).stream().map(r -> d.deserialize(r.topic(), r.value())).toList();
    }

    private List<ConsumerRecord<byte[], byte[]>> read(String topic, int expected, Duration timeout) {
        Map<String, Object> c = new HashMap<>();
        c.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline + timeout.toNanos()) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
