package invthink.enrich;

import invthink.avro.AugmentedExample;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Teacher answers by {@link CacheKey}, backed by a compacted topic whose values are
 * {@link AugmentedExample}s and whose header {@value #STATE_HEADER} says how far each got.
 *
 * <p>An answer is written the moment it arrives ({@code received}, outside any transaction), so
 * a crash before the result's transaction commits does not pay the teacher again. The
 * transaction that writes the result also writes {@code emitted} (or {@code dead_lettered}) for
 * the key, so a later duplicate of the same request is recognised and skipped: each request
 * ends up once in the traces or once in the DLQ. Memory holds only the state for finished keys
 * and the example for received ones.
 */
final class TeacherCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TeacherCache.class);
    static final String STATE_HEADER = "invthink.cache.state";

    /** How far a cached request got; later states win over earlier ones. */
    enum State {
        RECEIVED, EMITTED, DEAD_LETTERED;

        String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static State of(String code) {
            return valueOf(code.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /**
     * @param value the cached answer as written (Avro, wire format), kept only while
     *              {@link State#RECEIVED}; decoded only when a duplicate needs it, since the tail
     *              reads back every answer this and other instances write
     */
    record Entry(State state, byte[] value) {
    }

    private final String topic;
    private final Map<String, Object> kafkaConfig;
    private final Serializer<AugmentedExample> serializer;
    private final Deserializer<AugmentedExample> deserializer;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final CountDownLatch loaded = new CountDownLatch(1);
    private volatile boolean closed;
    private KafkaProducer<byte[], byte[]> producer;
    private KafkaConsumer<byte[], byte[]> consumer;
    private Thread tailer;

    TeacherCache(String topic, Map<String, Object> kafkaConfig, Serializer<AugmentedExample> serializer,
                 Deserializer<AugmentedExample> deserializer) {
        this.topic = topic;
        this.kafkaConfig = Map.copyOf(kafkaConfig);
        this.serializer = serializer;
        this.deserializer = deserializer;
    }

    /** Starts reading the topic from the beginning; see {@link #awaitLoaded}. */
    void start() {
        Map<String, Object> p = new HashMap<>(kafkaConfig);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        // Nobody waits for these records: let them gather into few, large requests.
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, Enricher.BATCH_BYTES);
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());

        Map<String, Object> c = new HashMap<>(kafkaConfig);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        tailer = new Thread(this::tail, "enrich-cache-" + topic);
        tailer.setDaemon(true);
        tailer.start();
    }

    private void tail() {
        try {
            List<TopicPartition> partitions = List.of();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.isEmpty() && !closed) {
                // A topic created a moment ago may not be in this client's metadata yet.
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                        .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
                if (partitions.isEmpty() && System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + topic + " does not exist");
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (!closed) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    apply(r);
                }
                if (loaded.getCount() > 0 && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    LOG.info("teacher cache loaded: {} entries from {}", entries.size(), topic);
                    loaded.countDown();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.error("teacher cache reader stopped; new answers are still cached: {}", e.toString());
            }
        } finally {
            loaded.countDown();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> r) {
        Header header = r.headers().lastHeader(STATE_HEADER);
        if (r.key() == null || header == null || r.value() == null) {
            return;
        }
        try {
            State state = State.of(new String(header.value(), StandardCharsets.UTF_8));
            put(new String(r.key(), StandardCharsets.UTF_8), new Entry(state, state == State.RECEIVED ? r.value() : null));
        } catch (RuntimeException e) {
            LOG.warn("skipping unreadable teacher-cache record at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.toString());
        }
    }

    private void put(String key, Entry entry) {
        entries.merge(key, entry, (old, neu) -> neu.state().compareTo(old.state()) >= 0 ? neu : old);
    }

    /** Waits until everything written before {@link #start} has been read. */
    boolean awaitLoaded(Duration timeout) throws InterruptedException {
        return loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    Optional<Entry> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** The answer of a {@link State#RECEIVED} entry. */
    AugmentedExample answer(Entry entry) {
        return deserializer.deserialize(topic, entry.value());
    }

    /** Caches an answer as soon as it arrives; thread-safe, does not wait for the broker. */
    void received(String key, AugmentedExample example) {
        ProducerRecord<byte[], byte[]> record = record(key, State.RECEIVED, example);
        put(key, new Entry(State.RECEIVED, record.value()));
        try {
            producer.send(record, (md, e) -> {
                if (e != null) {
                    LOG.warn("could not cache a teacher answer (it will be written with its result): {}", e.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("could not cache a teacher answer: {}", e.toString());
        }
    }

    /** The cache record for a result's transaction. */
    ProducerRecord<byte[], byte[]> record(String key, State state, AugmentedExample example) {
        return record(key, state, serializer.serialize(topic, example));
    }

    /**
     * A record that only marks how far a key got: its value is empty (not null, which compaction
     * would treat as a delete), since a later duplicate is skipped, not answered again.
     */
    ProducerRecord<byte[], byte[]> marker(String key, State state) {
        return record(key, state, new byte[0]);
    }

    private ProducerRecord<byte[], byte[]> record(String key, State state, byte[] value) {
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
        r.headers().add(STATE_HEADER, state.code().getBytes(StandardCharsets.UTF_8));
        return r;
    }

    /** Records that a result's transaction committed, without waiting to read it back. */
    void committed(String key, State state) {
        put(key, new Entry(state, null));
    }

    int size() {
        return entries.size();
    }

    @Override
    public void close() {
        closed = true;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (tailer != null) {
            try {
                tailer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
