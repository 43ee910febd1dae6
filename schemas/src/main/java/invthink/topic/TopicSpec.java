package invthink.topic;

import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * One topic of the pipeline.
 *
 * @param name        full name, prefix included
 * @param partitions  partition count at creation
 * @param compacted   true for keyed state (latest value per key wins), false for event logs
 * @param retentionMs retention of an event log; -1 keeps records forever
 */
public record TopicSpec(String name, int partitions, boolean compacted, long retentionMs) {

    public NewTopic toNewTopic(short replicationFactor) {
        return new NewTopic(name, partitions, replicationFactor).configs(configs());
    }

    public Map<String, String> configs() {
        return compacted
                ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                : Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs));
    }
}
