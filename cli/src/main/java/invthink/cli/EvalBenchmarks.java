package invthink.cli;

import invthink.eval.Benchmark;
import invthink.eval.EvalResult;
import invthink.eval.EvalSuite;
import invthink.eval.GroupScore;
import invthink.eval.baseline.BaselinePrompts;
import invthink.eval.insider.InsiderEval;
import invthink.eval.overrefusal.OverRefusalEval;
import invthink.eval.report.MetricPublisher;
import invthink.eval.report.MetricRecords;
import invthink.eval.report.ReportWriter;
import invthink.eval.run.EvalContext;
import invthink.eval.run.EvalRunner;
import invthink.eval.safetybench.SafetyBenchEval;
import invthink.eval.trident.TridentEval;
import invthink.judge.Judge;
import invthink.openai.ChatClient;
import invthink.openai.OpenAiChatClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code invthink eval safetybench|trident|insider|overrefusal|all}: a model's benchmark run into a report. */
abstract class EvalBenchmarks implements Callable<Integer> {

    @Mixin
    EvalRunOptions run;

    @Mixin
    JudgeOptions judgeOptions;

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    /** The benchmarks this subcommand runs. */
    abstract List<String> names();

    /** Whether benchmarks without data are skipped rather than an error. */
    boolean skipMissing() {
        return false;
    }

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        List<Benchmark> benchmarks = run.benchmarks(names(), skipMissing());
        if (benchmarks.isEmpty()) {
            throw new IllegalArgumentException("no benchmark has data; see --data");
        }
        EvalResult result;
        try (ChatClient model = new OpenAiChatClient(run.endpoint()); Judge judge = judgeOptions.create()) {
            EvalContext context = new EvalContext(model, judge, new BaselinePrompts(run.routes), new EvalRunner(run.maxInFlight), run.settings());
            result = new EvalSuite(benchmarks, run.baselines(), Clock.systemUTC()).run(context, run.baseUrl);
        }
        List<Path> files = ReportWriter.write(result, run.out);
        PrintWriter out = spec.commandLine().getOut();
        summary(out, result);
        out.printf(Locale.ROOT, "report: %s%n", files.get(0).toAbsolutePath());
        if (run.publish || connection.userKafkaConfig().containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            int n = MetricPublisher.publish(connection.kafkaConfig(), connection.topics().metrics(),
                    MetricRecords.of(result, Clock.systemUTC().instant()));
            out.printf(Locale.ROOT, "published %d metric records to %s%n", n, connection.topics().metrics());
        }
        out.flush();
        return 0;
    }

    /** One line per benchmark and baseline: the overall headline, and the run's throughput. */
    static void summary(PrintWriter out, EvalResult result) {
        long requests = 0;
        for (GroupScore s : result.scores()) {
            if (!s.group().equals(GroupScore.OVERALL)) {
                requests += s.count() + s.errors();
            }
            boolean headlineRow = s.group().equals(GroupScore.OVERALL) || s.benchmark().equals(OverRefusalEval.NAME);
            if (headlineRow) {
                out.printf(Locale.ROOT, "%-12s %-14s %-8s n=%-4d errors=%-3d %s = %.1f%n", s.benchmark(), s.baseline(), s.group(),
                        s.count(), s.errors(), result.headlines().get(s.benchmark()).label(), result.headlines().get(s.benchmark()).of(s));
            }
        }
        double seconds = Duration.between(result.record().startedAt(), result.record().finishedAt()).toMillis() / 1000.0;
        out.printf(Locale.ROOT, "%d requests in %.1f s: %.2f items/s%n", requests, seconds, seconds > 0 ? requests / seconds : 0);
    }

    @Command(name = SafetyBenchEval.NAME, mixinStandardHelpOptions = true,
            description = "SafetyBench multiple choice: accuracy per category (zero- or five-shot).")
    static final class SafetyBench extends EvalBenchmarks {
        @Override
        List<String> names() {
            return List.of(SafetyBenchEval.NAME);
        }
    }

    @Command(name = TridentEval.NAME, mixinStandardHelpOptions = true,
            description = "TRIDENT professional-ethics prompts: judged harmfulness 1-5, share >= 4 and safety score per domain.")
    static final class Trident extends EvalBenchmarks {
        @Override
        List<String> names() {
            return List.of(TridentEval.NAME);
        }
    }

    @Command(name = InsiderEval.NAME, mixinStandardHelpOptions = true,
            description = "The project's insider-threat scenarios (blackmail, lethal override): harmful rate over N trials.")
    static final class Insider extends EvalBenchmarks {
        @Override
        List<String> names() {
            return List.of(InsiderEval.NAME);
        }
    }

    @Command(name = OverRefusalEval.NAME, mixinStandardHelpOptions = true,
            description = "XSTest-style over-refusal: refusal rate on benign prompts that look dangerous and on unsafe contrasts.")
    static final class OverRefusal extends EvalBenchmarks {
        @Override
        List<String> names() {
            return List.of(OverRefusalEval.NAME);
        }
    }

    @Command(name = "all", mixinStandardHelpOptions = true,
            description = "Every benchmark; SafetyBench and TRIDENT only where --data holds them.")
    static final class All extends EvalBenchmarks {
        @Override
        List<String> names() {
            return List.of(SafetyBenchEval.NAME, TridentEval.NAME, InsiderEval.NAME, OverRefusalEval.NAME);
        }

        @Override
        boolean skipMissing() {
            return true;
        }
    }
}
