package invthink.dashboard.feed;

import io.prometheus.metrics.core.metrics.Counter;

/** The feed's numbers in the default Prometheus registry, registered once per JVM. */
final class FeedInstruments {

    static final Counter RECORDS = Counter.builder()
            .name("invthink_dashboard_records_total")
            .help("Records the dashboard read, by topic.")
            .labelNames("topic")
            .register();
    static final Counter UNREADABLE = Counter.builder()
            .name("invthink_dashboard_unreadable_records_total")
            .help("Records the dashboard could not decode and skipped (they stay on the topic), by topic.")
            .labelNames("topic")
            .register();
    static final Counter PROBE_FAILURES = Counter.builder()
            .name("invthink_dashboard_probe_failures_total")
            .help("Broker probes (throughput and lag) that failed.")
            .register();

    private FeedInstruments() {
    }

    /** Registers the instruments now (class initialisation), so a scrape shows them before first use. */
    static void register() {
        // the static initialisers above do the work
    }
}
