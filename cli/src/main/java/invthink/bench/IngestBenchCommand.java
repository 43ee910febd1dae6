package invthink.bench;

import invthink.topic.Topics;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code invthink bench ingest}: the full ingest path next to a raw producer of the same bytes. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Run the full ingest path (parse, normalise, redact, tag, Avro via the registry, idempotent",
            "producer) and a raw KafkaProducer<byte[]> sending the same pre-serialised bytes, on the same broker",
            "(an embedded one unless --bootstrap-servers is given); print both rates and their ratio."})
final class IngestBenchCommand extends ClusterBench {

    @Option(names = "--records", defaultValue = "200000", description = "Records per timed round (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--warmup", defaultValue = "30000", description = "Untimed records first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Override
    public Integer call() throws Exception {
        try (BenchCluster cluster = BenchCluster.open(connection)) {
            Map<String, Object> kafka = cluster.kafkaConfig();
            Topics topics = new Topics(scratchPrefix("ingest"));
            List<String> names = List.of(topics.prompts(), topics.responses(), topics.dlq());
            try (ScratchTopics scratch = ScratchTopics.create(kafka,
                    topics.all().stream().filter(t -> names.contains(t.name())).toList())) {
                print(new IngestBenchmark(kafka, cluster.registryUrl()).run(topics, records, warmup));
            }
            return 0;
        }
    }

    private void print(IngestBenchmark.Result r) {
        PrintWriter out = out();
        Measurement ours = r.ours().rate();
        Measurement baseline = r.baseline().rate();
        if (json) {
            out.printf(Locale.ROOT, "{\"records\":%d,\"records_per_s\":%.1f,\"baseline_records_per_s\":%.1f,\"ratio\":%.3f,"
                            + "\"mb_per_s\":%.3f,\"baseline_mb_per_s\":%.3f,\"input_bytes_per_record\":%d,"
                            + "\"cpu_us_per_record\":%s,\"baseline_cpu_us_per_record\":%s}%n",
                    ours.records(), ours.recordsPerSecond(), baseline.recordsPerSecond(), r.ratio(),
                    ours.megabytesPerSecond(), baseline.megabytesPerSecond(), r.inputBytes() / Math.max(1, ours.records()),
                    Measurement.num(r.ours().cpuMicrosPerRecord()), Measurement.num(r.baseline().cpuMicrosPerRecord()));
        } else {
            out.println(Measurement.header() + String.format(Locale.ROOT, " %12s", "CPU US/REC"));
            out.println(baseline.row() + cpu(r.baseline()));
            out.println(ours.row() + cpu(r.ours()));
            out.printf(Locale.ROOT, "%ningest / baseline: %.2fx (%d records; input ~%d bytes/line, Avro value ~%d bytes)%n",
                    r.ratio(), ours.records(), r.inputBytes() / Math.max(1, ours.records()),
                    baseline.bytes() / Math.max(1, baseline.records()));
            out.println("CPU US/REC: this JVM's CPU time per record during the round, all threads (with the embedded"
                    + " broker, its work and the JIT's too); with every core busy, the rate is cores / CPU per record.");
        }
        out.flush();
    }

    private static String cpu(IngestBenchmark.Round round) {
        return String.format(Locale.ROOT, " %12s", Measurement.cell(round.cpuMicrosPerRecord()));
    }
}
