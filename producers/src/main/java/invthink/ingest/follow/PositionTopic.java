package invthink.ingest.follow;

import invthink.topic.TopicSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compacted topic that keeps followers' read positions: key {@code follower|path}, value the
 * position as JSON. Written only inside the follower's transactions; read with
 * {@code read_committed}, so a position that is visible is one whose records are.
 */
public final class PositionTopic {

    private static final Logger LOG = LoggerFactory.getLogger(PositionTopic.class);
    private static final String SUFFIX = "ingest.positions";
    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(2);

    private PositionTopic() {
    }

    public static String name(String topicPrefix) {
        return topicPrefix + SUFFIX;
    }

    /** One partition, compacted, kept forever: the latest position per key is all that matters. */
    public static TopicSpec spec(String topicPrefix) {
        return new TopicSpec(name(topicPrefix), 1, true, -1);
    }

    public static byte[] key(String followerId, String path) {
        return (followerId + "|" + path).getBytes(StandardCharsets.UTF_8);
    }

    /** The committed positions of one follower, by followed path. */
    public static Map<String, FilePosition> load(Map<String, Object> kafkaConfig, String topic, String followerId) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        String prefix = followerId + "|";
        Map<String, FilePosition> positions = new HashMap<>();
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long endOffset = consumer.endOffsets(List.of(tp)).get(tp);
            long deadline = System.nanoTime() + LOAD_TIMEOUT.toNanos();
            while (consumer.position(tp) < endOffset) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read positions from " + topic + " within " + LOAD_TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
                    if (!key.startsWith(prefix)) {
                        continue;
                    }
                    if (r.value() == null) {
                        positions.remove(key.substring(prefix.length()));
                        continue;
                    }
                    try {
                        FilePosition p = FilePosition.fromJson(r.value());
                        positions.put(p.path(), p);
                    } catch (IOException e) {
                        LOG.warn("ignoring unreadable position at {}@{}: {}", topic, r.offset(), e.getMessage());
                    }
                }
            }
        }
        return positions;
    }
}
