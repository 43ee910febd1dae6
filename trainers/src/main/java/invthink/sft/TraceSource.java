package invthink.sft;

import invthink.avro.AugmentedExample;
import invthink.avro.ValidationStatus;
import invthink.dlq.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads exact offset ranges of the traces topic with a manually assigned consumer (the
 * checkpoint, not the group, is the source of truth; the group's offsets are committed
 * after each round only so tools can show the lag). Undecodable and invalid traces go to the
 * dead-letter topic with their bytes and the reason.
 */
final class TraceSource {

    static final String STAGE = "sft";

    private final Consumer<byte[], byte[]> consumer;
    private final Deserializer<AugmentedExample> deserializer;
    private final DeadLetters deadLetters;
    private final String topic;

    TraceSource(Consumer<byte[], byte[]> consumer, Deserializer<AugmentedExample> deserializer,
                DeadLetters deadLetters, String topic) {
        this.consumer = consumer;
        this.deserializer = deserializer;
        this.deadLetters = deadLetters;
        this.topic = topic;
    }

    /** The next offset of every partition: the committed one if known, else the log start. */
    Map<Integer, Long> startOffsets(Map<Integer, Long> committed) {
        List<TopicPartition> parts = partitions();
        Map<TopicPartition, Long> beginning = consumer.beginningOffsets(parts);
        Map<Integer, Long> out = new TreeMap<>();
        for (TopicPartition tp : parts) {
            long begin = beginning.getOrDefault(tp, 0L);
            out.put(tp.partition(), Math.max(begin, committed.getOrDefault(tp.partition(), begin)));
        }
        return out;
    }

    Map<Integer, Long> endOffsets() {
        Map<Integer, Long> out = new TreeMap<>();
        consumer.endOffsets(partitions()).forEach((tp, off) -> out.put(tp.partition(), off));
        return out;
    }

    static long count(Map<Integer, Long> start, Map<Integer, Long> end) {
        long n = 0;
        for (Map.Entry<Integer, Long> e : end.entrySet()) n += Math.max(0, e.getValue() - start.getOrDefault(e.getKey(), 0L));
        return n;
    }

    /**
     * Every trace in {@code [start, end)}, in partition then offset order. Bad records are
     * dead-lettered only when {@code deadLetter} (the first time a round is read).
     */
    List<TraceRecord> read(Map<Integer, Long> start, Map<Integer, Long> end, boolean deadLetter, BooleanSupplier stopped) {
        List<TopicPartition> parts = new ArrayList<>();
        end.forEach((p, e) -> {
            if (e > start.getOrDefault(p, 0L)) parts.add(new TopicPartition(topic, p));
        });
        consumer.assign(parts);
        for (TopicPartition tp : parts) consumer.seek(tp, start.getOrDefault(tp.partition(), 0L));
        Map<Integer, List<TraceRecord>> byPartition = new TreeMap<>();
        Map<TopicPartition, Boolean> finished = new HashMap<>();
        while (finished.size() < parts.size() && !stopped.getAsBoolean()) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                if (r.offset() >= end.get(r.partition())) continue;
                TraceRecord t = decode(r, deadLetter);
                if (t != null) byPartition.computeIfAbsent(r.partition(), k -> new ArrayList<>()).add(t);
            }
            for (TopicPartition tp : parts) {
                if (consumer.position(tp) >= end.get(tp.partition())) finished.put(tp, true);
            }
        }
        List<TraceRecord> out = new ArrayList<>();
        byPartition.values().forEach(out::addAll);
        return out;
    }

    /** Records the group's position after a round, for lag monitoring. */
    void commit(Map<Integer, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> m = new HashMap<>();
        offsets.forEach((p, o) -> m.put(new TopicPartition(topic, p), new OffsetAndMetadata(o)));
        consumer.commitSync(m);
    }

    private TraceRecord decode(ConsumerRecord<byte[], byte[]> r, boolean deadLetter) {
        String reason;
        String errorClass;
        try {
            AugmentedExample e = deserializer.deserialize(r.topic(), r.headers(), r.value());
            if (e == null) {
                reason = "empty trace record";
                errorClass = "NullValue";
            } else if (e.getValidation() == ValidationStatus.INVALID) {
                reason = "trace failed format validation: " + e.getValidationErrors();
                errorClass = "InvalidTrace";
            } else if (e.getRawTeacherText().isBlank()) {
                reason = "trace has no teacher text";
                errorClass = "InvalidTrace";
            } else {
                String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
                return new TraceRecord(r.partition(), r.offset(), key, e.getPrompt().getText(), e.getRawTeacherText(), r);
            }
        } catch (RuntimeException ex) {
            reason = "cannot decode AugmentedExample: " + ex.getMessage();
            errorClass = ex.getClass().getName();
        }
        if (deadLetter) deadLetters.send(DeadLetters.fromRecord(STAGE, r, errorClass, reason));
        return null;
    }

    List<TopicPartition> partitions() {
        return consumer.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }

    /** Dead-letters a decoded trace the trainer rejects (over-long), with its original bytes. */
    void reject(TraceRecord t, String reason) {
        deadLetters.send(DeadLetters.fromRecord(STAGE, t.raw(), "ExampleTooLong", reason));
    }
}
