package invthink.ingest;

import invthink.avro.DeadLetter;
import invthink.avro.Prompt;
import invthink.avro.Response;
import invthink.ingest.publish.IngestProducers;
import invthink.ingest.publish.IngestPublisher;
import invthink.ingest.publish.IngestSummary;
import invthink.ingest.publish.RecentIds;
import invthink.prompt.PromptPreparer;
import invthink.registry.EmbeddedSchemaRegistry;
import invthink.registry.RegistryConfig;
import invthink.serde.AvroSerdes;
import invthink.testkit.SharedKafka;
import invthink.topic.TopicCreator;
import invthink.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/** A fresh topic prefix on the shared cluster and one registry per test JVM, with readers for the results. */
public final class IngestFixture {

    private static EmbeddedSchemaRegistry registry;

    public final Topics topics;
    public final Map<String, Object> kafkaConfig;

    public IngestFixture() {
        this.topics = new Topics(SharedKafka.uniqueTopic("t") + ".");
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        config.put(RegistryConfig.URL, registryUrl());
        this.kafkaConfig = Map.copyOf(config);
        try (Admin admin = SharedKafka.admin()) {
            TopicCreator.ensure(admin, topics.all().stream().filter(t -> !t.name().equals(topics.schemas())).toList());
        }
    }

    public static synchronized String registryUrl() {
        if (registry == null) {
            registry = EmbeddedSchemaRegistry.start(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                    SharedKafka.bootstrapServers()), SharedKafka.uniqueTopic("_schemas"), "127.0.0.1", 0);
        }
        return registry.url();
    }

    public KafkaProducer<byte[], Object> producer() {
        return IngestProducers.create(kafkaConfig, "test", null);
    }

    public IngestPublisher publisher(KafkaProducer<byte[], Object> producer, int maxPromptBytes) {
        return new IngestPublisher(producer, topics, new PromptPreparer(maxPromptBytes), new RecentIds(10_000),
                new IngestSummary());
    }

    public List<Prompt> prompts() {
        return readAll(topics.prompts(), Prompt.class);
    }

    public List<Response> responses() {
        return readAll(topics.responses(), Response.class);
    }

    public List<DeadLetter> deadLetters() {
        return readAll(topics.dlq(), DeadLetter.class);
    }

    /** Every committed record on the topic, read to its end (read_committed). */
    public <T extends SpecificRecord> List<T> readAll(String topic, Class<T> type) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Deserializer<T> values = AvroSerdes.specific(type, kafkaConfig, false).deserializer();
        List<T> out = new ArrayList<>();
        try (KafkaConsumer<byte[], T> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), values)) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic)) {
                parts.add(new TopicPartition(topic, p.partition()));
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                for (ConsumerRecord<byte[], T> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(r.value());
                }
            }
        }
        return out;
    }
}
