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
 * version) and reports the newest version whenever a newer one is published; given a phase,
 * only versions of that phase count. Gate decisions on a version never change which is newest.
 */
final class PolicyWatcher {

    private final Consumer<String, ModelVersion> consumer;
    private final TrainingPhase phase;
    private final java.util.Set<String> published = new java.util.HashSet<>();
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
            // Only a version's first record publishes it. Later records with its id are the gate's
            // decisions, stamped when the gate wrote them: they must not make an old version (whose
            // checkpoint may be pruned by now) look newer than the policy being trained.
            if (v == null || !published.add(v.getId())) continue;
            if (v.getStatus() == ModelStatus.REJECTED || (phase != null && v.getPhase() != phase)) continue;
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
