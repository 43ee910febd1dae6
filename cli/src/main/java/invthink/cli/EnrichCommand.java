package invthink.cli;

import invthink.enrich.EnrichSettings;
import invthink.enrich.Enricher;
import invthink.teacher.OfflineTeacher;
import invthink.teacher.Teacher;
import invthink.topic.TopicCreator;
import invthink.topic.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code invthink enrich}: the enrichment stage alone, against a running cluster. */
@Command(name = "enrich", mixinStandardHelpOptions = true,
        description = {"Turn every prompt on <prefix>prompts into a teacher-written InvThink trace on",
            "<prefix>traces (or a dead letter with the reason), exactly once, until Ctrl-C.",
            "",
            "--teacher offline needs no network but only imitates a teacher; real traces come",
            "from a real LLM: --teacher openai --teacher-url URL --teacher-model NAME."})
final class EnrichCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(EnrichCommand.class);

    @Mixin
    ConnectionOptions connection;

    @Mixin
    MetricsOptions metrics;

    @Mixin
    TeacherOptions teacher;

    @Option(names = "--max-in-flight", defaultValue = "" + EnrichSettings.DEFAULT_MAX_IN_FLIGHT,
            description = "Teacher calls open at once per instance (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--group", defaultValue = EnrichSettings.DEFAULT_GROUP,
            description = "Consumer group; instances with the same group share the prompts (default: ${DEFAULT-VALUE}).")
    String group;

    @Option(names = "--instance-id", defaultValue = "0",
            description = "Stable id of this instance within the group, for its transactional id (default: ${DEFAULT-VALUE}).")
    String instanceId;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, Object> config = connection.kafkaConfig();
        CountDownLatch done = new CountDownLatch(1);
        try (Enricher enricher = start(config, connection.topics(), teacher.teacher(),
                EnrichSettings.defaults(group, instanceId).withMaxInFlight(maxInFlight))) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                enricher.close();
                done.countDown();
            }, "enrich-shutdown"));
            done.await();
        }
        return 0;
    }

    /**
     * Creates the stage's topics if missing and starts it.
     *
     * @param config client properties with {@code schema.registry.url}
     */
    static Enricher start(Map<String, Object> config, Topics topics, Teacher teacher, EnrichSettings settings) {
        try (Admin admin = Admin.create(withoutRegistryKeys(config))) {
            TopicCreator.ensure(admin, topics.all().stream()
                    .filter(t -> List.of(topics.prompts(), topics.traces(), topics.dlq(), topics.teacherCache()).contains(t.name()))
                    .toList());
        }
        if (teacher instanceof OfflineTeacher) {
            LOG.warn("enrich uses the OFFLINE teacher: traces are composed from a fixed hazard taxonomy so the pipeline "
                    + "runs without network; real traces need --teacher openai with a real LLM");
        }
        return new Enricher(settings, config, topics, teacher).start();
    }

    private static Map<String, Object> withoutRegistryKeys(Map<String, Object> config) {
        Map<String, Object> c = new HashMap<>(config);
        c.keySet().removeIf(k -> k.startsWith("schema.registry.") || k.startsWith("basic.auth.") || k.startsWith("bearer.auth."));
        return c;
    }
}
