package invthink.bench;

import invthink.topic.TopicCreator;
import invthink.topic.TopicSpec;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/** A benchmark's own topics: created on open, deleted on close, so the user's cluster is left as it was. */
final class ScratchTopics implements AutoCloseable {

    private final Admin admin;
    private final List<TopicSpec> specs;

    private ScratchTopics(Admin admin, List<TopicSpec> specs) {
        this.admin = admin;
        this.specs = List.copyOf(specs);
    }

    static ScratchTopics create(Map<String, Object> kafkaConfig, List<TopicSpec> specs) {
        Admin admin = Admin.create(kafkaConfig);
        try {
            TopicCreator.ensure(admin, specs);
            return new ScratchTopics(admin, specs);
        } catch (RuntimeException e) {
            admin.close();
            throw e;
        }
    }

    Admin admin() {
        return admin;
    }

    @Override
    public void close() {
        try {
            admin.deleteTopics(specs.stream().map(TopicSpec::name).toList());
        } finally {
            admin.close();
        }
    }
}
