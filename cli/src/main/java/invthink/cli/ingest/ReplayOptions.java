package invthink.cli.ingest;

import picocli.CommandLine.Option;

/** How a finite source is replayed, and the defaults for rows that carry no label or domain. */
final class ReplayOptions {

    @Option(names = "--label", paramLabel = "harmful|benign", description = "Expected label for rows that carry none.")
    String label;

    @Option(names = "--domain", paramLabel = "NAME", description = "Domain for rows that carry none.")
    String domain;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "0",
            description = "Replay at N prompts per second, like a live stream (default: as fast as possible).")
    double rate;

    @Option(names = "--loop", description = "Start over at the end, until Ctrl-C (demos).")
    boolean loop;
}
