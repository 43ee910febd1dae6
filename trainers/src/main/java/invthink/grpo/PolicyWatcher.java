package invthink.grpo;

import invthink.avro.ModelStatus;
import invthink.avro.ModelVersion;
import invthink.avro.TrainingPhase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Follows the models topic from its start (no consumer group: every worker sees every
 * version) and reports the newest non-rejected version whenever a newer one appears; given a
 * phase, only versions of that phase count.
 */
final class PolicyWatcher {

    private final Consumer<String, ModelVersion> consumer;
    private final TrainingPhase phase;
    private ModelVersion newest;
    private boolean fresh;

    PolicyWatcher(Consumer<String, ModelVersion> consumer, String topic) {
        this(consumer, topic, null);
    }

    /** @param phase the only phase followed; null follows every phase */
    PolicyWatcher(Consumer<String, ModelVersion> consumer, String topic, TrainingPhase phase) {
        this.consumer = consumer;
        this.phase = phase;
        List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
    }

    /** A version newer than any reported before, if one arrived. */
    Optional<ModelVersion> poll(Duration timeout) {
        for (ConsumerRecord<String, ModelVersion> r : consumer.poll(timeout)) {
            ModelVersion v = r.value();
            if (v == null || v.getStatus() == ModelStatus.REJECTED || (phase != null && v.getPhase() != phase)) continue;
            if (newest == null || !v.getCreatedAt().isBefore(newest.getCreatedAt())) {
                newest = v;
                fresh = true;
            }
        }
        if (!fresh) return Optional.empty();
        fresh = false;
        return Optional.of(newest);
    }

    static Path checkpointDir(ModelVersion v) {
        String uri = v.getCheckpointUri();
        return uri.startsWith("file:") ? Path.of(java.net.URI.create(uri)) : Path.of(uri);
    }
}
