package invthink.cli;

import com.sun.net.httpserver.HttpServer;
import invthink.telemetry.PrometheusHandler;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * Prometheus {@code /metrics} for a long-running command. Mixed into a command, it is started by
 * {@link Main}'s execution strategy before the command runs and stopped after it, so the command
 * itself needs no code for it.
 */
public final class MetricsOptions {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsOptions.class);
    public static final int DEFAULT_PORT = 9404;
    private static boolean jvmMetricsRegistered;

    @Option(names = "--metrics-port", defaultValue = "" + DEFAULT_PORT, paramLabel = "PORT",
            description = "Serve Prometheus metrics on http://<metrics-host>:PORT/metrics; 0 turns it off (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--metrics-host", defaultValue = "localhost", paramLabel = "HOST",
            description = "Interface for the metrics endpoint (default: ${DEFAULT-VALUE}; 0.0.0.0 for a scraper elsewhere).")
    String host;

    /** Starts the endpoint, or returns a no-op when turned off or when the port is taken. */
    AutoCloseable start() {
        if (port == 0) {
            return () -> { };
        }
        registerJvmMetrics();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
            server.createContext("/metrics", new PrometheusHandler());
            server.start();
            LOG.info("prometheus metrics on http://{}:{}/metrics", host, server.getAddress().getPort());
            return () -> server.stop(0);
        } catch (IOException e) {
            // Metrics are for watching the job, not a reason to refuse to run it.
            LOG.warn("metrics endpoint not started on {}:{} ({}); choose another --metrics-port", host, port, e.getMessage());
            return () -> { };
        }
    }

    private static synchronized void registerJvmMetrics() {
        if (!jvmMetricsRegistered) {
            JvmMetrics.builder().register(PrometheusRegistry.defaultRegistry);
            jvmMetricsRegistered = true;
        }
    }
}
