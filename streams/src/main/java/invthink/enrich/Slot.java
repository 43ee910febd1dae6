package invthink.enrich;

import invthink.avro.Prompt;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/** One input record on its way through the stage; touched by the loop thread only. */
final class Slot {

    final ConsumerRecord<byte[], byte[]> record;
    final TopicPartition partition;
    final long offset;
    Prompt prompt;
    String cacheKey;
    int attempts;
    long dueAt;
    long startedAt;
    boolean stale;
    /** Records of other partitions with the same cache key, waiting for this one's answer. */
    final List<Slot> followers = new ArrayList<>();
    /** Set when finished: what the transaction writes for it (empty for a skipped duplicate). */
    List<ProducerRecord<byte[], byte[]>> outputs;
    String outcome;
    TeacherCache.State cacheState;

    Slot(ConsumerRecord<byte[], byte[]> record) {
        this.record = record;
        this.partition = new TopicPartition(record.topic(), record.partition());
        this.offset = record.offset();
    }

    boolean finished() {
        return outputs != null;
    }
}
