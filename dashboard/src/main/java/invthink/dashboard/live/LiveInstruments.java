package invthink.dashboard.live;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;

/** The live stream's numbers in the default Prometheus registry, registered once per JVM. */
final class LiveInstruments {

    static final Gauge CLIENTS = Gauge.builder()
            .name("invthink_dashboard_sse_clients")
            .help("Browsers connected to the live event stream, including ones being dropped.")
            .register();
    static final Counter EVICTED = Counter.builder()
            .name("invthink_dashboard_sse_evicted_total")
            .help("Live-stream clients dropped because they read too slowly.")
            .register();
    static final Counter REFUSED = Counter.builder()
            .name("invthink_dashboard_sse_refused_total")
            .help("Live-stream connections refused because the client limit was reached.")
            .register();

    private LiveInstruments() {
    }

    /** Registers the instruments now (class initialisation), so a scrape shows them before first use. */
    static void register() {
        // the static initialisers above do the work
    }
}
