package invthink.bench;

import invthink.topic.Topics;
import invthink.serde.WireFormat;
import invthink.registry.SchemaRegistryClient;
import invthink.registry.RegistryConfig;
import invthink.topic.TopicSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code invthink bench}: one subcommand per measured stage. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure a stage's throughput and latency next to a plain-Kafka baseline from the same run.",
        subcommands = {BenchCommand.Serde.class, IngestBenchCommand.class, BenchCommand.Enrich.class,
            ScoreBenchCommand.class, BenchCommand.Train.class, BenchCommand.Dashboard.class,
            GrpoBenchCommand.class, EvalBenchCommand.class})
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
    static final class Serde extends ClusterBench {

        @Option(names = "--records", defaultValue = "200000", description = "Records per run (default: ${DEFAULT-VALUE}).")
        int records;

        @Option(names = "--warmup", defaultValue = "20000", description = "Untimed records first (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Override
        public Integer call() throws IOException {
            try (BenchCluster cluster = BenchCluster.open(connection)) {
                Map<String, Object> kafka = cluster.kafkaConfig();
                String topic = scratchPrefix("serde") + "prompts";
                // The benchmark removes its own subject; the scratch topic goes on close.
                try (ScratchTopics scratch = ScratchTopics.create(kafka, List.of(new TopicSpec(topic, 3, false, 3_600_000L)))) {
                    print(new SerdeBenchmark(kafka, cluster.registryUrl()).run(topic, records, warmup));
                }
                return 0;
            }
        }

        private void print(List<Measurement> r) {
            PrintWriter out = out();
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

    /** The enrichment stage against a simulated teacher of fixed latency, and with the offline teacher. */
    @Command(name = "enrich", mixinStandardHelpOptions = true,
            description = {"Run the enrichment stage end to end (prompts in, committed traces out) with a simulated",
                "chat-completions teacher of fixed latency at concurrency C, against the bound C / latency,",
                "then with the offline teacher."})
    static final class Enrich extends ClusterBench {

        private static final int OFFLINE_WARMUP_SECONDS = 5;

        @Option(names = "--concurrency", defaultValue = "256", description = "Teacher calls in flight, C (default: ${DEFAULT-VALUE}).")
        int concurrency;

        @Option(names = "--latency-ms", defaultValue = "200", description = "Simulated teacher latency (default: ${DEFAULT-VALUE}).")
        int latencyMs;

        @Option(names = "--records", defaultValue = "12000", description = "Prompts in the simulated-teacher run (default: ${DEFAULT-VALUE}).")
        int records;

        @Option(names = "--warmup-seconds", defaultValue = "60",
                description = {"Seconds of records pushed through before the first run measures (default: ${DEFAULT-VALUE}).",
                    "On 2 cores a fresh JVM holding the broker, registry, stage and simulated teacher compiles",
                    "hot code for about a minute; measured sooner, the compiler takes a third of the CPU."})
        int warmupSeconds;

        @Option(names = "--offline-records", defaultValue = "10000",
                description = "Prompts in the offline-teacher run (default: ${DEFAULT-VALUE}).")
        int offlineRecords;

        @Override
        public Integer call() throws Exception {
            try (BenchCluster cluster = BenchCluster.open(connection)) {
                EnrichBenchmark bench = new EnrichBenchmark(cluster.kafkaConfig(), cluster.registryUrl(),
                        connection.topics().prefix());
                java.time.Duration warmup = java.time.Duration.ofSeconds(warmupSeconds);
                Measurement simulated = bench.simulated(records, concurrency, java.time.Duration.ofMillis(latencyMs), warmup);
                // The JVM is warm by now: the second run only needs its group joined and schemas registered.
                Measurement offline = bench.offline(offlineRecords, 64,
                        java.time.Duration.ofSeconds(Math.min(warmupSeconds, OFFLINE_WARMUP_SECONDS)));
                double bound = concurrency * 1000.0 / latencyMs;
                double ratio = simulated.recordsPerSecond() / bound;
                PrintWriter out = out();
                if (json) {
                    out.printf(Locale.ROOT, "{\"records_per_s\":%.1f,\"bound_records_per_s\":%.1f,\"ratio\":%.3f,"
                                    + "\"offline_records_per_s\":%.1f,\"concurrency\":%d,\"latency_ms\":%d,\"runs\":[%s,%s]}%n",
                            simulated.recordsPerSecond(), bound, ratio, offline.recordsPerSecond(), concurrency, latencyMs,
                            simulated.json(), offline.json());
                } else {
                    out.println(Measurement.header());
                    out.println(simulated.row());
                    out.println(offline.row());
                    out.printf(Locale.ROOT, "%nsimulated teacher: %.0f records/s of a %.0f records/s bound (C=%d / %d ms): %.1f%%%n",
                            simulated.recordsPerSecond(), bound, concurrency, latencyMs, 100 * ratio);
                }
                out.flush();
                return 0;
            }
        }
    }

    /** SFT and generation tokens/s of the policy model shapes (random weights, short runs). */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"SFT tokens/s and generation tokens/s (with and without the KV cache) for the small config",
                "and the qwen2.5-0.5b-shaped config, random weights, with parameter counts and achieved FLOP/s (6·N·tokens/s)."})
    static final class Train implements Callable<Integer> {

        @Option(names = "--configs", split = ",", defaultValue = "small,qwen2.5-0.5b",
                description = "Named configs to measure (default: ${DEFAULT-VALUE}).")
        List<String> configs;

        @Option(names = "--device", defaultValue = "cpu", description = "cpu or gpu (default: ${DEFAULT-VALUE}).")
        String device;

        @Option(names = "--steps", defaultValue = "5", description = "Timed optimizer steps per config (default: ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--seq-len", defaultValue = "256", description = "Tokens per training row (default: ${DEFAULT-VALUE}).")
        int seqLen;

        @Option(names = "--batch", defaultValue = "2", description = "Rows per step (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--new-tokens", defaultValue = "256", description = "Generated tokens per generation run (default: ${DEFAULT-VALUE}).")
        int newTokens;

        @Option(names = "--small-vocab", defaultValue = "4096", description = "Vocabulary of the small config (default: ${DEFAULT-VALUE}).")
        int smallVocab;

        @Option(names = "--no-cache-for-large", description = "Also time cache-less generation for configs other than small (slow on CPU).")
        boolean noCacheForLarge;

        @Option(names = "--json", description = "Print one JSON object instead of a table.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ai.djl.Device dev = invthink.model.Devices.resolve(device);
            org.slf4j.LoggerFactory.getLogger(BenchCommand.class).info("bench train: {}", invthink.model.Devices.describe(dev));
            TrainBenchmark bench = new TrainBenchmark(dev);
            List<TrainBenchmark.Result> results = new java.util.ArrayList<>();
            for (String c : configs) {
                boolean small = !c.equalsIgnoreCase("qwen2.5-0.5b");
                int vocab = small ? smallVocab : 151936;
                results.add(bench.run(c, vocab, seqLen, batch, steps, newTokens, small || noCacheForLarge));
            }
            PrintWriter out = spec.commandLine().getOut();
            TrainBenchmark.Result first = results.get(0);
            if (json) {
                String runs = String.join(",", results.stream().map(r -> String.format(Locale.ROOT,
                        "{\"config\":\"%s\",\"params\":%d,\"seq_len\":%d,\"batch\":%d,\"sft_tokens_per_s\":%.1f,"
                        + "\"sft_flops_per_s\":%.4g,\"gen_tokens_per_s_cache\":%.2f,\"gen_tokens_per_s_nocache\":%.2f,"
                        + "\"cache_speedup\":%s,\"new_tokens\":%d}", r.config(), r.params(), r.seqLen(), r.batch(),
                        r.sftTokensPerSecond(), r.sftFlopsPerSecond(), r.genTokensPerSecondCache(), r.genTokensPerSecondNoCache(),
                        Double.isNaN(r.cacheSpeedup()) ? "null" : String.format(Locale.ROOT, "%.2f", r.cacheSpeedup()),
                        r.newTokens())).toList());
                out.printf(Locale.ROOT, "{\"device\":\"%s\",\"sft_tokens_per_s\":%.1f,\"gen_tokens_per_s_cache\":%.2f,"
                        + "\"gen_tokens_per_s_nocache\":%.2f,\"cache_speedup\":%s,\"params\":%d,\"configs\":[%s]}%n",
                        dev, first.sftTokensPerSecond(), first.genTokensPerSecondCache(), first.genTokensPerSecondNoCache(),
                        Double.isNaN(first.cacheSpeedup()) ? "null" : String.format(Locale.ROOT, "%.2f", first.cacheSpeedup()),
                        first.params(), runs);
            } else {
                out.printf(Locale.ROOT, "%-14s %12s %12s %12s %14s %14s %8s%n", "config", "params", "sft tok/s", "sft FLOP/s",
                        "gen tok/s kv", "gen tok/s none", "speedup");
                for (TrainBenchmark.Result r : results) {
                    out.printf(Locale.ROOT, "%-14s %,12d %12.1f %12.3g %14.2f %14s %8s%n", r.config(), r.params(),
                            r.sftTokensPerSecond(), r.sftFlopsPerSecond(), r.genTokensPerSecondCache(),
                            r.genTokensPerSecondNoCache() > 0 ? String.format(Locale.ROOT, "%.2f", r.genTokensPerSecondNoCache()) : "-",
                            Double.isNaN(r.cacheSpeedup()) ? "-" : String.format(Locale.ROOT, "%.2fx", r.cacheSpeedup()));
                }
                out.printf(Locale.ROOT, "(%s; %d timed steps of %d x %d tokens; %d new tokens per generation run)%n",
                        dev, steps, batch, seqLen, newTokens);
            }
            out.flush();
            return 0;
        }
    }

    /** Topic to browser through the dashboard versus a plain consumer of the same records. */
    @Command(name = "dashboard", mixinStandardHelpOptions = true,
            description = {"Publish SafetyMetric records and time their arrival at live-stream (SSE) clients of a",
                "dashboard and at a plain Kafka consumer, on the same broker at the same time."})
    static final class Dashboard extends ClusterBench {

        @Option(names = "--records", defaultValue = "20000", description = "Metric records (default: ${DEFAULT-VALUE}).")
        int records;

        @Option(names = "--clients", defaultValue = "4", description = "Live-stream clients (default: ${DEFAULT-VALUE}).")
        int clients;

        @Option(names = "--rate", defaultValue = "2000",
                description = "Records per second to send; 0 for as fast as possible (default: ${DEFAULT-VALUE}).")
        int rate;

        @Override
        public Integer call() throws Exception {
            try (BenchCluster cluster = BenchCluster.open(connection)) {
                Map<String, Object> kafka = cluster.kafkaConfig();
                String registry = cluster.registryUrl();
                Topics topics = new Topics(scratchPrefix("dashboard"));
                List<TopicSpec> specs = topics.all().stream().filter(t -> !t.equals(topics.schemasSpec())).toList();
                try (ScratchTopics scratch = ScratchTopics.create(kafka, specs)) {
                    print(new DashboardBenchmark(kafka, registry).run(topics, records, clients, rate));
                } finally {
                    SchemaRegistryClient.create(Map.of(RegistryConfig.URL, registry))
                            .deleteSubject(WireFormat.subject(topics.metrics(), false));
                }
                return 0;
            }
        }

        private void print(List<Measurement> r) {
            PrintWriter out = out();
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

}
