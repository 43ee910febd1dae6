package invthink.dlq;

import invthink.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Builds {@link DeadLetter} records and sends them to the dead-letter topic.
 *
 * <p>The producer is the caller's, so a stage that writes its outputs in a Kafka transaction
 * writes its dead letters in the same transaction: an input ends up once in the output topic
 * or once in the DLQ, never both. The key is the original key, so a dead letter sits in the
 * same order as its input's other records.
 */
public final class DeadLetters {

    private final Producer<byte[], DeadLetter> producer;
    private final String topic;
    private final String stage;

    public DeadLetters(Producer<byte[], DeadLetter> producer, String topic, String stage) {
        this.producer = producer;
        this.topic = topic;
        this.stage = stage;
    }

    /** A dead letter for a record read from Kafka, keeping its coordinates and raw bytes. */
    public static DeadLetter fromRecord(String stage, ConsumerRecord<byte[], byte[]> input, String errorClass, String reason) {
        return DeadLetter.newBuilder()
                .setStage(stage)
                .setOriginalTopic(input.topic())
                .setPartition(input.partition())
                .setOffset(input.offset())
                .setOriginalKey(wrap(input.key()))
                .setOriginalValue(wrap(input.value()))
                .setErrorClass(errorClass)
                .setReason(reason)
                .setTime(Instant.now())
                .build();
    }

    /** A dead letter for an input that never reached Kafka: a log line, a file row, an HTTP body. */
    public static DeadLetter fromSource(String stage, String source, byte[] key, byte[] value, String errorClass, String reason) {
        return DeadLetter.newBuilder()
                .setStage(stage)
                .setSource(source)
                .setOriginalKey(wrap(key))
                .setOriginalValue(wrap(value))
                .setErrorClass(errorClass)
                .setReason(reason)
                .setTime(Instant.now())
                .build();
    }

    /** Sends a dead letter built by this stage; see {@link #fromRecord} and {@link #fromSource}. */
    public Future<RecordMetadata> send(DeadLetter letter) {
        if (!stage.equals(letter.getStage())) {
            throw new IllegalArgumentException("dead letter of stage " + letter.getStage() + " sent by " + stage);
        }
        byte[] key = letter.getOriginalKey() == null ? null : bytes(letter.getOriginalKey());
        return producer.send(new ProducerRecord<>(topic, key, letter));
    }

    public String stage() {
        return stage;
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return out;
    }
}
