package invthink.bench;

import invthink.cli.ConnectionOptions;
import invthink.topic.TopicCreator;
import invthink.topic.Topics;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code invthink bench ingest}: the full ingest path next to a raw producer of the same bytes. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Run the full ingest path (parse, normalise, redact, tag, Avro via the registry, idempotent",
            "producer) and a raw KafkaProducer<byte[]> sending the same pre-serialised bytes, on the same broker",
            "(an embedded one unless --bootstrap-servers is given); print both rates and their ratio."})
final class IngestBenchCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--records", defaultValue = "200000", description = "Records per timed round (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--warmup", defaultValue = "30000", description = "Untimed records first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (BenchCluster cluster = BenchCluster.open(connection)) {
            Map<String, Object> kafka = cluster.kafkaConfig();
            String registry = cluster.registryUrl();
            Topics topics = new Topics(connection.topics().prefix() + "bench.ingest." + System.currentTimeMillis() + ".");
            List<String> names = List.of(topics.prompts(), topics.responses(), topics.dlq());
            try (Admin admin = Admin.create(kafka)) {
                TopicCreator.ensure(admin, topics.all().stream().filter(t -> names.contains(t.name())).toList());
                try {
                    print(new IngestBenchmark(kafka, registry).run(topics, records, warmup));
                } finally {
                    admin.deleteTopics(names);
                }
            }
            return 0;
        }
    }

    private void print(IngestBenchmark.Result r) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.printf(Locale.ROOT, "{\"records\":%d,\"records_per_s\":%.1f,\"baseline_records_per_s\":%.1f,\"ratio\":%.3f,"
                            + "\"mb_per_s\":%.3f,\"baseline_mb_per_s\":%.3f,\"input_bytes_per_record\":%d}%n",
                    r.ours().records(), r.ours().recordsPerSecond(), r.baseline().recordsPerSecond(), r.ratio(),
                    r.ours().megabytesPerSecond(), r.baseline().megabytesPerSecond(), r.inputBytes() / Math.max(1, r.ours().records()));
        } else {
            out.println(Measurement.header());
            out.println(r.baseline().row());
            out.println(r.ours().row());
            out.printf(Locale.ROOT, "%ningest / baseline: %.2fx (%d records; input ~%d bytes/line, Avro value ~%d bytes)%n",
                    r.ratio(), r.ours().records(), r.inputBytes() / Math.max(1, r.ours().records()),
                    r.baseline().bytes() / Math.max(1, r.baseline().records()));
        }
        out.flush();
    }
}
