package invthink.registry;

import invthink.topic.TopicCreator;
import invthink.topic.TopicSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The registry's durable state: one compacted, single-partition topic, written synchronously. */
final class RegistryLog implements AutoCloseable {

    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final TopicPartition partition;
    private final Map<String, Object> clientConfig;
    private final KafkaProducer<byte[], byte[]> producer;

    /** Creates the topic if missing; the client settings (SASL, SSL, ...) pass through unchanged. */
    RegistryLog(Map<String, Object> clientConfig, String topic) {
        this.topic = topic;
        this.partition = new TopicPartition(topic, 0);
        this.clientConfig = Map.copyOf(clientConfig);
        try (Admin admin = Admin.create(this.clientConfig)) {
            TopicCreator.ensure(admin, List.of(new TopicSpec(topic, 1, true, -1)));
        }
        Map<String, Object> producerConfig = new HashMap<>(this.clientConfig);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producerConfig.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        this.producer = new KafkaProducer<>(producerConfig);
    }

    String topic() {
        return topic;
    }

    /** Reads the whole topic from the beginning to its current end; returns the record count. */
    int replay(RegistryState state) {
        Map<String, Object> consumerConfig = new HashMap<>(clientConfig);
        // No group: the registry always reads everything and must not commit into a user's group.
        consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumerConfig.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        int count = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null) {
                        RegistryRecords.apply(state, record.key(), record.value());
                        count++;
                    }
                }
            }
        }
        return count;
    }

    /** Returns only once the broker acknowledged the record on all in-sync replicas. */
    void append(byte[] key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, 0, key, value)).get(WRITE_TIMEOUT.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw storeError(e);
        } catch (ExecutionException | TimeoutException e) {
            throw storeError(e.getCause() == null ? e : e.getCause());
        }
    }

    private SchemaRegistryException storeError(Throwable cause) {
        return new SchemaRegistryException(500, SchemaRegistryException.STORE_ERROR,
                "Error while writing to the registry topic " + topic + ": " + cause, null, cause);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
