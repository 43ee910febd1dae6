package invthink.cli;

import invthink.topic.TopicCreator;
import invthink.topic.TopicSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Lists the pipeline's topics with partitions, cleanup policy and record counts. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "List the pipeline's topics with partition and record counts.")
final class TopicsCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--create", description = "Create missing topics first (idempotent).")
    boolean create;

    @Spec
    CommandSpec spec;

    /** One row of the listing, as the broker reports it; {@code records} counts offsets, so compacted topics may hold fewer. */
    record TopicRow(String name, boolean exists, int partitions, String cleanup, long records) {
    }

    @Override
    public Integer call() throws Exception {
        List<TopicSpec> specs = connection.topics().all();
        try (Admin admin = Admin.create(connection.kafkaConfig())) {
            if (create) {
                TopicCreator.ensure(admin, specs);
            }
            List<TopicRow> rows = describe(admin, specs);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-28s %10s %10s %12s%n", "TOPIC", "PARTITIONS", "CLEANUP", "RECORDS");
            for (TopicRow row : rows) {
                if (row.exists()) {
                    out.printf("%-28s %10d %10s %12d%n", row.name(), row.partitions(), row.cleanup(), row.records());
                } else {
                    out.printf("%-28s %10s %10s %12s%n", row.name(), "-", "-", "missing");
                }
            }
            out.flush();
            return rows.stream().allMatch(TopicRow::exists) ? 0 : 2;
        }
    }

    static List<TopicRow> describe(Admin admin, List<TopicSpec> specs) throws Exception {
        Set<String> existing = admin.listTopics().names().get();
        List<String> present = specs.stream().map(TopicSpec::name).filter(existing::contains).toList();
        Map<String, TopicDescription> descriptions = admin.describeTopics(present).allTopicNames().get();

        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        descriptions.values().forEach(d -> d.partitions().forEach(p -> {
            TopicPartition tp = new TopicPartition(d.name(), p.partition());
            earliest.put(tp, OffsetSpec.earliest());
            latest.put(tp, OffsetSpec.latest());
        }));
        Map<TopicPartition, ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all().get();
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
        Map<ConfigResource, Config> configs = admin.describeConfigs(present.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList()).all().get();

        List<TopicRow> rows = new ArrayList<>();
        for (TopicSpec topic : specs) {
            TopicDescription d = descriptions.get(topic.name());
            if (d == null) {
                rows.add(new TopicRow(topic.name(), false, 0, null, 0));
                continue;
            }
            long records = 0;
            for (var p : d.partitions()) {
                TopicPartition tp = new TopicPartition(d.name(), p.partition());
                records += ends.get(tp).offset() - starts.get(tp).offset();
            }
            var cleanup = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()))
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG);
            rows.add(new TopicRow(topic.name(), true, d.partitions().size(),
                    cleanup == null ? "?" : cleanup.value(), records));
        }
        return rows;
    }
}
