package invthink.cli.ingest;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code invthink ingest}: feed prompts from logs, files, datasets or HTTP. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Publish prompts to the prompts topic: normalised, PII-redacted, tagged, keyed by id;",
            "anything unusable goes to the dead-letter topic with its reason."},
        subcommands = {FollowCommand.class, FileCommand.class, DatasetCommand.class, HttpCommand.class})
public final class IngestCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
