package invthink.sft;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A trace read from the topic: where it sits, the two texts SFT needs, and its original record. */
public record TraceRecord(int partition, long offset, String key, String prompt, String teacherText,
                          ConsumerRecord<byte[], byte[]> raw) {

    /** {@code partition:offset}, unique within the topic. */
    public String id() {
        return partition + ":" + offset;
    }
}
