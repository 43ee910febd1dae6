package invthink.cli.ingest;

import invthink.cli.MetricsOptions;
import invthink.cli.ConnectionOptions;
import invthink.ingest.follow.FollowSettings;
import invthink.ingest.follow.LogFollower;
import invthink.ingest.publish.IngestSummary;
import invthink.ingest.source.LineFormat;
import invthink.prompt.PromptIds;
import invthink.prompt.PromptPreparer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code invthink ingest follow PATH}: tail production logs until Ctrl-C, exactly once. */
@Command(name = "follow", mixinStandardHelpOptions = true,
        description = {"Follow a growing log file, or every matching file in a folder, across rotation",
            "(rename-and-recreate and copy-truncate). Each batch and its read position are committed",
            "in one Kafka transaction, so a restart (even after kill -9) resumes exactly where the",
            "broker's records end: no line lost, none published twice. Runs until Ctrl-C."})
final class FollowCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    MetricsOptions metrics;

    @Mixin
    IngestOptions ingest;

    @Mixin
    MappingOptions mapping;

    @Parameters(paramLabel = "PATH", description = "A log file, or a folder of log files.")
    Path path;

    @Option(names = "--glob", defaultValue = "*.{jsonl,log,txt}",
            description = "Files to follow inside a folder (default: ${DEFAULT-VALUE}); rotated names must not match.")
    String glob;

    @Option(names = "--format", defaultValue = "AUTO",
            description = "auto (lines starting with { or [ are JSON), jsonl or text (default: ${DEFAULT-VALUE}).")
    LineFormat format;

    @Option(names = "--follower-id", paramLabel = "ID",
            description = "Names this follower's positions and transactions; reuse it after a restart "
                    + "(default: derived from the absolute path).")
    String followerId;

    @Option(names = "--max-line-bytes", paramLabel = "N", defaultValue = "" + FollowSettings.DEFAULT_MAX_LINE_BYTES,
            description = "Longer lines are dead-lettered with their first N bytes (default: ${DEFAULT-VALUE}).")
    int maxLineBytes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path absolute = path.toAbsolutePath().normalize();
        Path parent = Files.isDirectory(absolute) ? absolute : absolute.getParent();
        if (parent == null || !Files.isDirectory(parent) || !Files.isReadable(parent)) {
            throw new IllegalArgumentException("cannot read folder " + parent);
        }
        String id = followerId != null ? followerId : PromptIds.sha256(absolute.toString()).substring(0, 16);
        FollowSettings settings = FollowSettings.of(absolute, id).withGlob(glob).withFormat(format)
                .withMapping(mapping.mapping()).withMaxLineBytes(maxLineBytes);
        Publishing.ensureTopics(connection.kafkaConfig(), connection.topics());
        IngestSummary summary = new IngestSummary();
        CountDownLatch stopped = new CountDownLatch(1);
        try (LogFollower follower = new LogFollower(settings, connection.kafkaConfig(), connection.topics(),
                new PromptPreparer(ingest.maxPromptBytes), summary)) {
            Thread hook = new Thread(stopped::countDown, "invthink-follow-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            follower.start();
            spec.commandLine().getErr().println("following " + absolute + " as '" + id + "'; Ctrl-C to stop");
            while (!stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
                if (follower.failure() != null) {
                    throw new IllegalStateException(follower.failure().getMessage(), follower.failure());
                }
            }
        } finally {
            spec.commandLine().getOut().println(summary.render());
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
