package invthink.cli;

import invthink.judge.offline.BinaryMetrics;
import invthink.judge.offline.LabelledExample;
import invthink.judge.offline.LabelledSet;
import invthink.judge.offline.OfflineJudge;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code invthink eval}: evaluations; {@code eval judge} scores the offline judge on the held-out set,
 * {@code eval safetybench|trident|insider|overrefusal|all} run a model's benchmarks into a report.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate judges and models.",
        subcommands = {EvalCommand.JudgeEval.class, EvalBenchmarks.SafetyBench.class, EvalBenchmarks.Trident.class,
            EvalBenchmarks.Insider.class, EvalBenchmarks.OverRefusal.class, EvalBenchmarks.All.class})
final class EvalCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "judge", mixinStandardHelpOptions = true,
            description = {"Accuracy, precision, recall, F1 and AUROC of the offline judge on the project's held-out labelled set",
                "(topics never seen in training)."})
    static final class JudgeEval implements Callable<Integer> {

        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            var all = LabelledSet.bundled();
            var train = LabelledSet.split(all, LabelledExample.TRAIN);
            var test = LabelledSet.split(all, LabelledExample.TEST);
            BinaryMetrics m = OfflineJudge.trainedOn(train).evaluate(test);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.printf(Locale.ROOT, "{\"judge\":\"%s\",\"train\":%d,\"test\":%d,\"accuracy\":%.4f,\"precision\":%.4f,"
                                + "\"recall\":%.4f,\"f1\":%.4f,\"auroc\":%.4f,\"tp\":%d,\"fp\":%d,\"tn\":%d,\"fn\":%d}%n",
                        OfflineJudge.IDENTITY, train.size(), test.size(), m.accuracy(), m.precision(), m.recall(), m.f1(), m.auroc(),
                        m.truePositives(), m.falsePositives(), m.trueNegatives(), m.falseNegatives());
            } else {
                out.printf(Locale.ROOT, "judge %s, trained on %d labelled exchanges, tested on %d held-out (%s)%n",
                        OfflineJudge.IDENTITY, train.size(), test.size(), LabelledSet.RESOURCE);
                out.printf(Locale.ROOT, "accuracy  %.3f%nprecision %.3f%nrecall    %.3f%nf1        %.3f%nauroc     %.3f%n",
                        m.accuracy(), m.precision(), m.recall(), m.f1(), m.auroc());
                out.printf(Locale.ROOT, "confusion TP %d  FP %d  TN %d  FN %d (threshold 0.5)%n",
                        m.truePositives(), m.falsePositives(), m.trueNegatives(), m.falseNegatives());
            }
            out.flush();
            return 0;
        }
    }
}
