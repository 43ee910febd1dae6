package invthink.topic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Creates topics idempotently: existing topics are left as they are. */
public final class TopicCreator {

    /** How long a new topic may take until every partition has a leader on its broker. */
    private static final long LEADER_WAIT_MS = 30_000;
    private static final long LEADER_POLL_MS = 50;

    private TopicCreator() {
    }

    /**
     * Returns once every partition of {@code names} has a leader. A write that reaches the broker
     * before then fails with NOT_LEADER_OR_FOLLOWER; an idempotent producer whose first batch failed
     * that way while later ones landed retries it as out of order until its delivery timeout.
     */
    private static void awaitLeaders(Admin admin, List<String> names) throws InterruptedException, ExecutionException {
        long deadline = System.currentTimeMillis() + LEADER_WAIT_MS;
        while (!names.isEmpty()) {
            boolean ready;
            try {
                ready = admin.describeTopics(names).allTopicNames().get().values().stream()
                        .allMatch(t -> t.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                ready = false; // created, but this broker has not heard of it yet
            }
            if (ready || System.currentTimeMillis() > deadline) {
                return;
            }
            Thread.sleep(LEADER_POLL_MS);
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
            List<String> created = new ArrayList<>();
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get();
                    created.add(entry.getKey());
                } catch (ExecutionException e) {
                    // Another instance created it between our list and create: that is success.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            awaitLeaders(admin, created);
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create topics: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
