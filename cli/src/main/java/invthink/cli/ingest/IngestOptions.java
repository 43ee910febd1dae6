package invthink.cli.ingest;

import invthink.prompt.PromptPreparer;
import picocli.CommandLine.Option;

/** Options every ingest command shares. */
public final class IngestOptions {

    @Option(names = "--max-prompt-bytes", paramLabel = "N", defaultValue = "" + PromptPreparer.DEFAULT_MAX_PROMPT_BYTES,
            description = "Larger prompts (UTF-8, after normalisation) are dead-lettered, not cut (default: ${DEFAULT-VALUE}).")
    int maxPromptBytes;
}
