package invthink.bench;

import invthink.cli.ConnectionOptions;
import invthink.embedded.EmbeddedStack;
import invthink.embedded.Ports;
import invthink.registry.RegistryConfig;
import invthink.registry.SchemaRegistryClient;
import invthink.serde.WireFormat;
import invthink.topic.TopicCreator;
import invthink.topic.TopicSpec;
import invthink.topic.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code invthink bench}: one subcommand per measured stage. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure a stage's throughput and latency next to a plain-Kafka baseline from the same run.",
        subcommands = {BenchCommand.Serde.class, BenchCommand.Dashboard.class})
public final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The Avro serde on the wire versus raw byte-array producer and consumer. */
    @Command(name = "serde", mixinStandardHelpOptions = true,
            description = {"Produce and consume Prompt records with the Avro serde and with raw byte[] clients",
                "on the same broker (an embedded one unless --bootstrap-servers is given)."})
    static final class Serde implements Callable<Integer> {

        @Mixin
        ConnectionOptions connection;

        @Option(names = "--records", defaultValue = "200000", description = "Records per run (default: ${DEFAULT-VALUE}).")
        int records;

        @Option(names = "--warmup", defaultValue = "20000", description = "Untimed records first (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--json", description = "Print one JSON object instead of a table.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Map<String, Object> userConfig = connection.userKafkaConfig();
            Path tmp = null;
            EmbeddedStack stack;
            if (userConfig.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
                stack = null;
            } else {
                tmp = Files.createTempDirectory("invthink-bench");
                stack = EmbeddedStack.start(new EmbeddedStack.Settings("localhost", Ports.free(), Ports.free(), Ports.free(),
                        tmp, connection.topics(), userConfig, connection.explicitRegistryUrl()));
            }
            try {
                Map<String, Object> kafka = stack == null ? connection.kafkaConfig() : stack.kafkaConfig();
                String registry = stack == null ? (String) connection.kafkaConfig().get("schema.registry.url")
                        : stack.registryUrl();
                String topic = connection.topics().prefix() + "bench.serde." + System.currentTimeMillis();
                try (Admin admin = Admin.create(kafka)) {
                    TopicCreator.ensure(admin, List.of(new TopicSpec(topic, 3, false, 3_600_000L)));
                    try {
                        print(new SerdeBenchmark(kafka, registry).run(topic, records, warmup));
                    } finally {
                        // Leave the user's cluster as we found it (the benchmark removes its own subject).
                        admin.deleteTopics(List.of(topic));
                    }
                }
                return 0;
            } finally {
                if (stack != null) {
                    stack.close();
                    deleteRecursively(tmp);
                }
            }
        }

        private void print(List<Measurement> r) {
            PrintWriter out = spec.commandLine().getOut();
            double produceRatio = r.get(1).recordsPerSecond() / r.get(0).recordsPerSecond();
            double consumeRatio = r.get(3).recordsPerSecond() / r.get(2).recordsPerSecond();
            if (json) {
                out.printf(Locale.ROOT, "{\"runs\":[%s],\"produce_ratio\":%.3f,\"consume_ratio\":%.3f}%n",
                        String.join(",", r.stream().map(Measurement::json).toList()), produceRatio, consumeRatio);
            } else {
                out.println(Measurement.header());
                r.forEach(m -> out.println(m.row()));
                out.printf(Locale.ROOT, "%nours / baseline: produce %.2fx, consume %.2fx (%d records of ~%d bytes)%n",
                        produceRatio, consumeRatio, records, r.get(0).bytes() / Math.max(1, records));
            }
            out.flush();
        }
    }

    /** Topic to browser through the dashboard versus a plain consumer of the same records. */
    @Command(name = "dashboard", mixinStandardHelpOptions = true,
            description = {"Publish SafetyMetric records and time their arrival at live-stream (SSE) clients of a",
                "dashboard and at a plain Kafka consumer, on the same broker at the same time."})
    static final class Dashboard implements Callable<Integer> {

        @Mixin
        ConnectionOptions connection;

        @Option(names = "--records", defaultValue = "20000", description = "Metric records (default: ${DEFAULT-VALUE}).")
        int records;

        @Option(names = "--clients", defaultValue = "4", description = "Live-stream clients (default: ${DEFAULT-VALUE}).")
        int clients;

        @Option(names = "--rate", defaultValue = "2000",
                description = "Records per second to send; 0 for as fast as possible (default: ${DEFAULT-VALUE}).")
        int rate;

        @Option(names = "--json", description = "Print one JSON object instead of a table.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> userConfig = connection.userKafkaConfig();
            Path tmp = null;
            EmbeddedStack stack = null;
            if (!userConfig.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
                tmp = Files.createTempDirectory("invthink-bench");
                stack = EmbeddedStack.start(new EmbeddedStack.Settings("localhost", Ports.free(), Ports.free(), Ports.free(),
                        tmp, connection.topics(), userConfig, connection.explicitRegistryUrl()));
            }
            try {
                Map<String, Object> kafka = stack == null ? connection.kafkaConfig() : stack.kafkaConfig();
                String registry = stack == null ? (String) connection.kafkaConfig().get("schema.registry.url")
                        : stack.registryUrl();
                Topics topics = new Topics(
                        connection.topics().prefix() + "bench.dashboard." + System.currentTimeMillis() + ".");
                List<TopicSpec> specs = topics.all().stream().filter(t -> !t.equals(topics.schemasSpec())).toList();
                try (Admin admin = Admin.create(kafka)) {
                    TopicCreator.ensure(admin, specs);
                    try {
                        print(new DashboardBenchmark(kafka, registry).run(topics, records, clients, rate));
                    } finally {
                        admin.deleteTopics(specs.stream().map(TopicSpec::name).toList());
                        SchemaRegistryClient.create(Map.of(RegistryConfig.URL, registry))
                                .deleteSubject(WireFormat.subject(topics.metrics(), false));
                    }
                }
                return 0;
            } finally {
                if (stack != null) {
                    stack.close();
                    deleteRecursively(tmp);
                }
            }
        }

        private void print(List<Measurement> r) {
            PrintWriter out = spec.commandLine().getOut();
            double ratio = r.get(1).recordsPerSecond() / r.get(0).recordsPerSecond();
            if (json) {
                out.printf(Locale.ROOT, "{\"runs\":[%s],\"throughput_ratio\":%.3f}%n",
                        String.join(",", r.stream().map(Measurement::json).toList()), ratio);
            } else {
                out.println(Measurement.header());
                r.forEach(m -> out.println(m.row()));
                out.printf(Locale.ROOT, "%ndashboard / baseline: %.2fx records/s, p50 latency +%.1f ms, p99 +%.1f ms "
                                + "(%d records at %s, %d clients)%n",
                        ratio, r.get(1).latencyP50Ms() - r.get(0).latencyP50Ms(),
                        r.get(1).latencyP99Ms() - r.get(0).latencyP99Ms(), records,
                        rate > 0 ? rate + "/s" : "full speed", clients);
            }
            out.flush();
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
