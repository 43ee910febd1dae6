package invthink.dashboard.feed;

import invthink.avro.DeadLetter;
import invthink.avro.ModelVersion;
import invthink.avro.Response;
import invthink.avro.SafetyMetric;
import invthink.avro.SafetyScore;
import invthink.dashboard.view.DashboardView;
import invthink.serde.SpecificAvroDeserializer;
import invthink.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the topics the page shows into the {@link DashboardView}, on one thread.
 *
 * <p>Partitions are assigned, not subscribed: a dashboard is a viewer, so it joins no group and
 * commits nothing. On start (and for partitions that appear later) event topics are read from
 * {@code history} ago; the compacted models topic from its beginning. Only committed
 * transactional output is read, so aborted attempts of a stage never show up. A record that
 * does not decode is counted and skipped — it stays on its topic for its owner to deal with.
 */
public final class TopicFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Map<String, Object> kafkaConfig;
    private final Topics topics;
    private final Duration history;
    private final Duration rediscovery;
    private final Clock clock;
    private final Map<String, Route<?>> routes = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    private record Route<T extends SpecificRecord>(SpecificAvroDeserializer<T> deserializer, Consumer<T> sink) {
        void accept(String topic, byte[] value) {
            sink.accept(deserializer.deserialize(topic, value));
        }
    }

    /**
     * @param kafkaConfig client settings with {@code schema.registry.url}, passed to the consumer as they are
     * @param history     how far back event topics are read at start
     * @param rediscovery how often to look for topics and partitions that appeared
     */
    public TopicFeed(Map<String, Object> kafkaConfig, Topics topics, DashboardView view, Duration history,
                     Duration rediscovery, Clock clock) {
        this.kafkaConfig = Map.copyOf(kafkaConfig);
        this.topics = topics;
        this.history = history;
        this.rediscovery = rediscovery;
        this.clock = clock;
        route(topics.metrics(), SafetyMetric.class, view::onMetric);
        route(topics.scores(), SafetyScore.class, view::onScore);
        route(topics.responses(), Response.class, view::onResponse);
        route(topics.models(), ModelVersion.class, view::onModel);
        route(topics.dlq(), DeadLetter.class, view::onDeadLetter);
        FeedInstruments.register();
        this.thread = new Thread(this::run, "dashboard-feed");
        this.thread.setDaemon(true);
    }

    private <T extends SpecificRecord> void route(String topic, Class<T> type, Consumer<T> sink) {
        SpecificAvroDeserializer<T> deserializer = new SpecificAvroDeserializer<>(type);
        deserializer.configure(kafkaConfig, false);
        routes.put(topic, new Route<>(deserializer, sink));
    }

    public TopicFeed start() {
        thread.start();
        return this;
    }

    private void run() {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // A viewer must never create the topics it looks for.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "invthink-dashboard");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = c;
            long nextDiscovery = 0;
            while (running) {
                if (clock.millis() >= nextDiscovery) {
                    assignNewPartitions(c);
                    nextDiscovery = clock.millis() + rediscovery.toMillis();
                }
                if (c.assignment().isEmpty()) {
                    // Nothing to read until a topic appears (or its metadata reaches us): look again
                    // after a poll interval instead of polling an empty assignment, which throws.
                    idle();
                    continue;
                }
                ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    dispatch(r);
                }
            }
        } catch (WakeupException | InterruptException e) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            LOG.error("dashboard feed stopped: {}", e.toString(), e);
        } finally {
            routes.values().forEach(r -> r.deserializer().close());
        }
    }

    private void idle() {
        try {
            Thread.sleep(Math.min(POLL.toMillis(), rediscovery.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void dispatch(ConsumerRecord<byte[], byte[]> r) {
        FeedInstruments.RECORDS.labelValues(r.topic()).inc();
        if (r.value() == null) {
            return; // a tombstone: nothing to show
        }
        try {
            routes.get(r.topic()).accept(r.topic(), r.value());
        } catch (RuntimeException e) {
            FeedInstruments.UNREADABLE.labelValues(r.topic()).inc();
            LOG.warn("skipping unreadable record {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.toString());
        }
    }

    private void assignNewPartitions(KafkaConsumer<byte[], byte[]> c) {
        Set<TopicPartition> assigned = new HashSet<>(c.assignment());
        List<TopicPartition> added = new ArrayList<>();
        for (String topic : routes.keySet()) {
            List<PartitionInfo> partitions = c.partitionsFor(topic, Duration.ofSeconds(10));
            for (PartitionInfo p : partitions == null ? List.<PartitionInfo>of() : partitions) {
                TopicPartition tp = new TopicPartition(topic, p.partition());
                if (!assigned.contains(tp)) {
                    added.add(tp);
                }
            }
        }
        if (added.isEmpty()) {
            return;
        }
        assigned.addAll(added);
        c.assign(assigned);
        Map<TopicPartition, Long> fromTime = new HashMap<>();
        List<TopicPartition> fromStart = new ArrayList<>();
        long since = clock.millis() - history.toMillis();
        for (TopicPartition tp : added) {
            if (tp.topic().equals(topics.models())) {
                fromStart.add(tp); // compacted state: every version's latest record matters
            } else {
                fromTime.put(tp, since);
            }
        }
        c.seekToBeginning(fromStart);
        if (!fromTime.isEmpty()) {
            // The end offsets are read before the time look-up: a partition with nothing since then
            // starts at its end as it was before the look-up, so a record written in between (the
            // first records of a new topic, say) is read, not skipped. Explicit offsets, too: a
            // lazy seekToEnd would skip records written before the next poll.
            Map<TopicPartition, Long> ends = c.endOffsets(fromTime.keySet(), Duration.ofSeconds(10));
            Map<TopicPartition, OffsetAndTimestamp> offsets = c.offsetsForTimes(fromTime, Duration.ofSeconds(10));
            offsets.forEach((tp, ot) -> c.seek(tp, ot == null ? ends.get(tp) : ot.offset()));
        }
        LOG.info("dashboard reading {} new partitions", added.size());
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
