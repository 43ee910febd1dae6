package invthink.topic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Creates topics idempotently: existing topics are left as they are. */
public final class TopicCreator {

    /** How long a new topic may take until every partition's leader serves it. */
    private static final long LEADER_WAIT_MS = 60_000;
    private static final long LOOKUP_RETRY_MS = 50;

    private TopicCreator() {
    }

    /**
     * Returns once the leader of every partition of {@code created} serves it. A write that reaches
     * the broker before then fails with NOT_LEADER_OR_FOLLOWER; an idempotent producer whose first
     * batch failed that way while a later one landed retries it as out of order until its delivery
     * timeout, and the batch is lost. Metadata is no proof: a broker announces itself leader before
     * its replica manager has the partition. An offset look-up is served by that replica manager,
     * and the admin client retries it until the partition is online.
     */
    private static void awaitServed(Admin admin, List<NewTopic> created) throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (NewTopic t : created) {
            for (int p = 0; p < t.numPartitions(); p++) {
                latest.put(new TopicPartition(t.name(), p), OffsetSpec.latest());
            }
        }
        long deadline = System.currentTimeMillis() + LEADER_WAIT_MS;
        while (!latest.isEmpty()) {
            try {
                admin.listOffsets(latest).all().get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                // The look-up fails at once, without retrying, while this broker's metadata lacks the topic.
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.currentTimeMillis() > deadline) {
                    throw e;
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("topics " + created.stream().map(NewTopic::name).toList()
                        + " were created but their partitions are not served after " + LEADER_WAIT_MS + " ms");
            }
            Thread.sleep(LOOKUP_RETRY_MS);
        }
    }

    /**
     * Creates each missing topic with a replication factor that fits the cluster (at most 3).
     *
     * @return the names that were created by this call
     */
    public static List<String> ensure(Admin admin, Collection<TopicSpec> specs) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            int brokers = admin.describeCluster().nodes().get().size();
            short replication = (short) Math.max(1, Math.min(3, brokers));
            List<NewTopic> missing = new ArrayList<>();
            for (TopicSpec spec : specs) {
                if (!existing.contains(spec.name())) {
                    missing.add(spec.toNewTopic(replication));
                }
            }
            List<NewTopic> created = new ArrayList<>();
            Map<String, KafkaFuture<Void>> results = admin.createTopics(missing).values();
            for (NewTopic topic : missing) {
                try {
                    results.get(topic.name()).get();
                    created.add(topic);
                } catch (ExecutionException e) {
                    // Another instance created it between our list and create: that is success.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            awaitServed(admin, created);
            return created.stream().map(NewTopic::name).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create topics: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
