package invthink.topic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates topics idempotently: existing topics are left as they are. */
public final class TopicCreator {

    private TopicCreator() {
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
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create topics: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
