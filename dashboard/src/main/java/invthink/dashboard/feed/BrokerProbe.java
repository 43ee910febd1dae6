package invthink.dashboard.feed;

import invthink.dashboard.view.DashboardView;
import invthink.dashboard.view.Throughput;
import invthink.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the broker, every {@code interval}, how far each pipeline topic has grown and how far each
 * consumer group has read it. The growth of a topic is the throughput of the stage that writes
 * it; end offset minus committed offset is a group's lag. No stage has to report anything.
 */
public final class BrokerProbe implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerProbe.class);
    private static final long TIMEOUT_SECONDS = 10;

    private final Admin admin;
    private final Map<String, String> stageOfTopic = new LinkedHashMap<>();
    private final DashboardView view;
    private final Duration interval;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private Map<String, Long> previousEnds = Map.of();
    private long previousTime;
    private String lastError;

    public BrokerProbe(Map<String, Object> kafkaConfig, Topics topics, DashboardView view, Duration interval,
                       Clock clock) {
        this.admin = Admin.create(kafkaConfig);
        this.view = view;
        this.interval = interval;
        this.clock = clock;
        // Named for the stage whose output the topic is, as the page labels throughput.
        stageOfTopic.put(topics.prompts(), "ingest");
        stageOfTopic.put(topics.traces(), "enrich");
        stageOfTopic.put(topics.rollouts(), "grpo rollout");
        stageOfTopic.put(topics.models(), "trainers");
        stageOfTopic.put(topics.responses(), "responses");
        stageOfTopic.put(topics.scores(), "score");
        stageOfTopic.put(topics.metrics(), "metrics");
        stageOfTopic.put(topics.dlq(), "dead letters");
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dashboard-broker-probe");
            t.setDaemon(true);
            return t;
        });
    }

    public BrokerProbe start() {
        scheduler.scheduleWithFixedDelay(this::probeSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void probeSafely() {
        try {
            view.onThroughput(probe());
            lastError = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            FeedInstruments.PROBE_FAILURES.inc();
            String message = e.toString();
            if (!message.equals(lastError)) {
                LOG.warn("broker probe failed (throughput and lag not updated): {}", message);
            }
            lastError = message;
        } finally {
            view.tick();
        }
    }

    /** One reading of end offsets and group lag. */
    Throughput probe() throws Exception {
        Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<String> present = stageOfTopic.keySet().stream().filter(existing::contains).toList();
        Map<String, TopicDescription> descriptions = present.isEmpty() ? Map.of()
                : admin.describeTopics(present).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        descriptions.values().forEach(d -> d.partitions().forEach(p ->
                latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResultInfo> ends = latest.isEmpty() ? Map.of()
                : admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        long now = clock.millis();

        Map<String, Long> endByTopic = new LinkedHashMap<>();
        present.forEach(t -> endByTopic.put(t, 0L));
        ends.forEach((tp, info) -> endByTopic.merge(tp.topic(), info.offset(), Long::sum));
        List<Throughput.TopicRate> rates = new ArrayList<>();
        double seconds = (now - previousTime) / 1000.0;
        endByTopic.forEach((topic, end) -> {
            Long before = previousEnds.get(topic);
            Double perSecond = before == null || seconds <= 0 ? null : Math.max(0, end - before) / seconds;
            rates.add(new Throughput.TopicRate(topic, stageOfTopic.get(topic), end, perSecond));
        });
        previousEnds = endByTopic;
        previousTime = now;
        return new Throughput(now, rates, lags(ends));
    }

    private List<Throughput.GroupLag> lags(Map<TopicPartition, ListOffsetsResultInfo> ends) throws Exception {
        List<Throughput.GroupLag> lags = new ArrayList<>();
        for (GroupListing group : admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            long lag = 0;
            Set<String> onTopics = new TreeSet<>();
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
                ListOffsetsResultInfo end = ends.get(e.getKey());
                if (end == null || e.getValue() == null) {
                    continue; // not a pipeline topic (a Streams changelog, another app's topic)
                }
                lag += Math.max(0, end.offset() - e.getValue().offset());
                onTopics.add(e.getKey().topic());
            }
            if (!onTopics.isEmpty()) {
                lags.add(new Throughput.GroupLag(group.groupId(), lag, List.copyOf(onTopics)));
            }
        }
        lags.sort((a, b) -> a.group().compareTo(b.group()));
        return lags;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(5));
    }
}
