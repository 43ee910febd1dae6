package invthink.cli.ingest;

import invthink.cli.ConnectionOptions;
import invthink.ingest.dataset.Defaults;
import invthink.ingest.source.CsvFileSource;
import invthink.ingest.source.CsvMapping;
import invthink.ingest.source.ItemSource;
import invthink.ingest.source.LineFileSource;
import invthink.ingest.source.LineFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code invthink ingest file}: a JSONL, CSV or text file, once (or looped). */
@Command(name = "file", mixinStandardHelpOptions = true,
        description = {"Publish the prompts of a JSONL, CSV or plain-text file.",
            "JSONL lines may be chat logs ({\"messages\": [...], \"response\": ...}) or flat records;",
            "CSV needs a header row; --text-field and friends map fields or columns."})
final class FileCommand implements Callable<Integer> {

    enum Format { AUTO, JSONL, CSV, TEXT }

    @Mixin
    ConnectionOptions connection;

    @Mixin
    IngestOptions ingest;

    @Mixin
    MappingOptions mapping;

    @Parameters(paramLabel = "FILE", description = "The file to read.")
    Path file;

    @Option(names = "--format", defaultValue = "AUTO",
            description = "auto (by extension: .csv is CSV, else lines with JSON detected), jsonl, csv or text (default: ${DEFAULT-VALUE}).")
    Format format;

    @Mixin
    ReplayOptions replay;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read " + file + (Files.exists(file) ? "" : ": no such file"));
        }
        Format resolved = format != Format.AUTO ? format
                : file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? Format.CSV : Format.AUTO;
        String source = "file:" + file;
        Publishing.run(connection.kafkaConfig(), connection.topics(), ingest.maxPromptBytes, replay.rate, replay.loop,
                () -> Defaults.apply(open(resolved, source), invthink.ingest.source.Labels.canonical(replay.label), replay.domain),
                spec.commandLine().getOut());
        return 0;
    }

    private ItemSource open(Format f, String source) throws java.io.IOException {
        return switch (f) {
            case CSV -> new CsvFileSource(file, source, header -> CsvMapping.forHeader(header, mapping.mapping(), source));
            case JSONL -> new LineFileSource(file, LineFormat.JSONL, mapping.mapping(), "file");
            case TEXT -> new LineFileSource(file, LineFormat.TEXT, mapping.mapping(), "file");
            case AUTO -> new LineFileSource(file, LineFormat.AUTO, mapping.mapping(), "file");
        };
    }
}
