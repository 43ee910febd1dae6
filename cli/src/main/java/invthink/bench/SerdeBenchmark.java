package invthink.bench;

import invthink.avro.Prompt;
import invthink.registry.RegistryConfig;
import invthink.registry.SchemaRegistryClient;
import invthink.serde.AvroSerdes;
import invthink.serde.SpecificAvroSerde;
import invthink.serde.WireFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Our Avro serde on the wire against raw byte-array clients on the same broker.
 *
 * <p>The baseline producer sends the very bytes our serializer produced (encoded beforehand),
 * so both runs put the same data on the broker and the difference is the cost of encoding,
 * registry lookups and the wire-format header. The consumers likewise read the same records,
 * raw versus decoded into {@link Prompt}s.
 */
public final class SerdeBenchmark {

    private final Map<String, Object> kafkaConfig;
    private final String registryUrl;

    public SerdeBenchmark(Map<String, Object> kafkaConfig, String registryUrl) {
        this.kafkaConfig = Map.copyOf(kafkaConfig);
        this.registryUrl = registryUrl;
    }

    /**
     * Runs baseline and ours for producing and consuming {@code records} prompts on {@code topic},
     * then soft-deletes the subject it registered.
     */
    public List<Measurement> run(String topic, int records, int warmup) {
        Map<String, Object> serdeConfig = new HashMap<>(kafkaConfig);
        serdeConfig.put(RegistryConfig.URL, registryUrl);
        SchemaRegistryClient registry = SchemaRegistryClient.create(serdeConfig);
        try (SpecificAvroSerde<Prompt> serde = AvroSerdes.specific(Prompt.class, registry, serdeConfig, false)) {
            List<Prompt> prompts = new ArrayList<>(records);
            for (int i = 0; i < records; i++) {
                prompts.add(prompt(i));
            }
            byte[][] encoded = new byte[records][];
            long bytes = 0;
            for (int i = 0; i < records; i++) {
                encoded[i] = serde.serializer().serialize(topic, prompts.get(i));
                bytes += encoded[i].length;
            }
            final long totalBytes = bytes;

            // Warm both paths (JIT, connections, metadata) before anything is timed.
            produce(topic, new ByteArraySerializer(), Math.min(warmup, records), i -> encoded[i], "warmup", totalBytes);
            produce(topic, serde.serializer(), Math.min(warmup, records), prompts::get, "warmup", totalBytes);

            List<Measurement> results = new ArrayList<>();
            results.add(produce(topic, new ByteArraySerializer(), records, i -> encoded[i],
                    "produce: raw KafkaProducer<byte[]>", totalBytes));
            results.add(produce(topic, serde.serializer(), records, prompts::get,
                    "produce: invthink Avro serde", totalBytes));
            results.add(consume(topic, new ByteArrayDeserializer(), records, "consume: raw KafkaConsumer<byte[]>", totalBytes));
            results.add(consume(topic, serde.deserializer(), records, "consume: invthink Avro serde", totalBytes));
            return results;
        } finally {
            registry.deleteSubject(WireFormat.subject(topic, false));
        }
    }

    private <V> Measurement produce(String topic, Serializer<V> serializer, int records, IntFunction<V> value,
                                    String name, long totalBytes) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        long[] latencies = new long[records];
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start;
        long end;
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(config, new StringSerializer(), serializer)) {
            start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                final int index = i;
                final long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, "k" + i, value.apply(i)), (metadata, e) -> {
                    latencies[index] = System.nanoTime() - sent;
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
            end = System.nanoTime();
        }
        if (failure.get() != null) {
            throw new IllegalStateException(name + " failed: " + failure.get().getMessage(), failure.get());
        }
        return Measurement.of(name, records, totalBytes, end - start, latencies);
    }

    private <V> Measurement consume(String topic, Deserializer<V> deserializer, int records, String name, long totalBytes) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "invthink-bench-" + System.nanoTime());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        long read = 0;
        long start;
        long end;
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(topic));
            // Join the group and fetch metadata before the clock starts: we time reading, not rebalancing.
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            consumer.seekToBeginning(consumer.assignment());
            start = System.nanoTime();
            long deadline = start + Duration.ofMinutes(5).toNanos();
            while (read < records && System.nanoTime() < deadline) {
                ConsumerRecords<String, V> batch = consumer.poll(Duration.ofMillis(200));
                for (var r : batch) {
                    if (r.value() == null) {
                        throw new IllegalStateException(name + ": null value at offset " + r.offset());
                    }
                    read++;
                }
            }
            end = System.nanoTime();
        }
        if (read < records) {
            throw new IllegalStateException(name + " read only " + read + " of " + records + " records");
        }
        return Measurement.of(name, records, totalBytes, end - start, null);
    }

    /** A prompt of realistic size (~300 characters) whose text differs per index. */
    static Prompt prompt(int i) {
        String text = ("Prompt " + i + ": my doctor prescribed a new medication and I want to know whether it is safe "
                + "to combine it with the supplements I already take, what dose limits apply, and which warning signs "
                + "mean I should stop and call someone. Please be specific about interactions.");
        return Prompt.newBuilder()
                .setId(Integer.toHexString(i))
                .setText(text)
                .setSource("bench")
                .setDomain(i % 3 == 0 ? "medicine" : null)
                .setHazardHints(i % 5 == 0 ? List.of("S6") : List.of())
                .setReceivedAt(Instant.ofEpochMilli(1_700_000_000_000L + i))
                .setRedactions(Map.of())
                .setMetadata(Map.of("row", Integer.toString(i)))
                .build();
    }
}
