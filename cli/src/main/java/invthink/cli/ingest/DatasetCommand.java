package invthink.cli.ingest;

import invthink.cli.ConnectionOptions;
import invthink.ingest.dataset.DatasetFormat;
import invthink.ingest.dataset.Defaults;
import invthink.ingest.source.Labels;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code invthink ingest dataset --format F PATH}: a public safety dataset in its own format. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = {"Publish a public safety dataset, keeping its labels, categories and reference answers.",
            "Formats: ${COMPLETION-CANDIDATES}. PATH may be a folder of files in that format."})
final class DatasetCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    IngestOptions ingest;

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
            description = "trident, harmbench, advbench, simplesafetytests, safetybench, aegis, xstest, agentic, lines, invthink.")
    DatasetFormat format;

    @Parameters(paramLabel = "PATH", description = "The dataset file or folder.")
    Path path;

    @Mixin
    ReplayOptions replay;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // Open once up front so an unusable path fails with its reason before anything connects.
        format.open(path).close();
        Publishing.run(connection.kafkaConfig(), connection.topics(), ingest.maxPromptBytes, replay.rate, replay.loop,
                () -> Defaults.apply(format.open(path), Labels.canonical(replay.label), replay.domain), spec.commandLine().getOut());
        return 0;
    }
}
