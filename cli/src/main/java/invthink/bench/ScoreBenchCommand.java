package invthink.bench;

import invthink.topic.TopicSpec;
import invthink.topic.Topics;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code invthink bench score}: the scoring stage next to a plain Streams pass-through. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Responses/s through the offline judge alone, a plain Kafka Streams pass-through and the whole scoring",
            "topology (judge, scores, metric windows) on the same broker, plus event-to-metric latency p50/p99",
            "(an embedded broker unless --bootstrap-servers is given)."})
public final class ScoreBenchCommand extends ClusterBench {

    @Option(names = "--records", defaultValue = "50000", description = "Responses per throughput run (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--latency-records", defaultValue = "3000", description = "Responses in the latency run (default: ${DEFAULT-VALUE}).")
    int latencyRecords;

    @Option(names = "--latency-rate", defaultValue = "1000", description = "Responses per second in the latency run (default: ${DEFAULT-VALUE}).")
    int latencyRate;

    @Override
    public Integer call() throws Exception {
        try (BenchCluster cluster = BenchCluster.open(connection)) {
            Map<String, Object> config = cluster.serdeConfig();
            Topics topics = new Topics(scratchPrefix("score"));
            String baselineOut = topics.prefix() + "passthrough";
            List<TopicSpec> specs = new ArrayList<>(topics.all().stream().filter(t -> !t.name().equals(topics.schemas())).toList());
            specs.add(new TopicSpec(baselineOut + "-before", 3, false, 3_600_000L));
            specs.add(new TopicSpec(baselineOut + "-after", 3, false, 3_600_000L));
            try (ScratchTopics scratch = ScratchTopics.create(cluster.kafkaConfig(), specs)) {
                print(new ScoreBenchmark(config, topics).run(records, latencyRecords, latencyRate, baselineOut));
            }
            return 0;
        }
    }

    private void print(ScoreBenchmark.Result r) {
        PrintWriter out = out();
        if (json) {
            out.printf(Locale.ROOT, "{\"judge_per_s\":%.1f,\"baseline_per_s\":%.1f,\"topology_per_s\":%.1f,\"ratio\":%.3f,"
                            + "\"latency_p50_ms\":%.1f,\"latency_p99_ms\":%.1f,\"records\":%d,\"latency_records\":%d}%n",
                    r.judge().recordsPerSecond(), r.baseline().recordsPerSecond(), r.topology().recordsPerSecond(), r.ratio(),
                    r.latency().latencyP50Ms(), r.latency().latencyP99Ms(), records, r.latency().records());
        } else {
            out.println(Measurement.header());
            out.println(r.judge().row());
            out.println(r.baselineBefore().row());
            out.println(r.topology().row());
            out.println(r.baselineAfter().row());
            out.println(r.latency().row());
            out.printf(Locale.ROOT, "%nscoring topology / faster pass-through: %.2fx (%d responses); event-to-metric latency p50 %.0f ms, p99 %.0f ms%n",
                    r.ratio(), records, r.latency().latencyP50Ms(), r.latency().latencyP99Ms());
        }
        out.flush();
    }
}
