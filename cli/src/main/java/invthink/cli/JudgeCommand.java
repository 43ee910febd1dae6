package invthink.cli;

import invthink.judge.Judge;
import invthink.judge.batch.JsonlJudging;
import invthink.progress.ProgressBar;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code invthink judge}: batch-scores a JSON-lines file of prompt/response pairs. */
@Command(name = "judge", mixinStandardHelpOptions = true,
        description = "Judge every line {\"prompt\": ..., \"response\": ...} of a JSON-lines file and write it back with "
            + "harmful, harmfulness (1-5), p_harmful, categories (S1-S14), refusal and judge added, in input order. "
            + "Lines that cannot be read or judged go to --rejects with their line number and reason.")
final class JudgeCommand implements Callable<Integer> {

    @Option(names = "--in", required = true, paramLabel = "FILE.jsonl", description = "Input lines.")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "FILE.jsonl", description = "Output lines.")
    Path out;

    @Option(names = "--rejects", paramLabel = "FILE.jsonl", description = "Unreadable or unjudged lines (default: OUT.rejects.jsonl).")
    Path rejects;

    @Option(names = "--concurrency", defaultValue = "16",
            description = "Verdicts in flight at once for a remote judge (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Mixin
    JudgeOptions judgeOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!Files.isReadable(in)) {
            throw new IllegalArgumentException("cannot read --in " + in);
        }
        Path rejectsFile = rejects != null ? rejects : Path.of(out + ".rejects.jsonl");
        long total;
        try (Stream<String> lines = Files.lines(in, StandardCharsets.UTF_8)) {
            total = lines.count();
        }
        JsonlJudging.Summary summary;
        try (Judge judge = judgeOptions.create();
             BufferedReader reader = Files.newBufferedReader(in, StandardCharsets.UTF_8);
             BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
             BufferedWriter rejectWriter = Files.newBufferedWriter(rejectsFile, StandardCharsets.UTF_8);
             ProgressBar progress = new ProgressBar("judge " + in.getFileName(), total, "lines")) {
            summary = new JsonlJudging(judge, judge.inline() ? 1 : concurrency).run(reader, writer, rejectWriter, progress);
        }
        if (summary.rejected() == 0) {
            Files.deleteIfExists(rejectsFile);
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf("judged %d lines: %d harmful (%.1f%%), %d rejected%s%n", summary.judged(), summary.harmful(),
                summary.judged() == 0 ? 0.0 : 100.0 * summary.harmful() / summary.judged(), summary.rejected(),
                summary.rejected() == 0 ? "" : " (see " + rejectsFile + ")");
        o.flush();
        return summary.rejected() == 0 ? 0 : 2;
    }
}
