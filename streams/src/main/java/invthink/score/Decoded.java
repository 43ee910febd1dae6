package invthink.score;

import invthink.avro.DeadLetter;
import invthink.dlq.DeadLetters;
import invthink.registry.RegistryUnreachableException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes one input record, or says why it cannot be decoded as a dead letter carrying the
 * original bytes.
 *
 * <p>An unreachable registry is not the record's fault, so it is thrown, not dead-lettered: the
 * stage stops and retries the same record later instead of discarding good data.
 */
public record Decoded<T>(T value, DeadLetter deadLetter) {

    public static <T> Decoded<T> decode(String stage, Deserializer<T> deserializer, ConsumerRecord<byte[], byte[]> input) {
        if (input.value() == null) {
            return new Decoded<>(null, DeadLetters.fromRecord(stage, input, "null_value", "record has no value (tombstone)"));
        }
        try {
            return new Decoded<>(deserializer.deserialize(input.topic(), input.value()), null);
        } catch (SerializationException e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof RegistryUnreachableException) {
                    throw e;
                }
            }
            return new Decoded<>(null, DeadLetters.fromRecord(stage, input, e.getClass().getName(), String.valueOf(e.getMessage())));
        }
    }

    public boolean ok() {
        return deadLetter == null;
    }
}
