package invthink.cli;

import invthink.dashboard.DashboardServer;
import invthink.dashboard.DashboardSettings;
import invthink.registry.RegistryConfig;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Serves the live safety dashboard for a running pipeline until Ctrl-C. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {
            "Serve the live safety dashboard: harmful rate and safety score by domain",
            "and model version, promotions, training curves, throughput and lag, dead",
            "letters, flagged responses and alerts, live from the topics. Also /api/*",
            "(JSON), /events (SSE) and /metrics (Prometheus). `invthink up` starts one."})
final class DashboardCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardCommand.class);

    @Mixin
    ConnectionOptions connection;

    @Mixin
    DashboardOptions options;

    @Option(names = "--host", defaultValue = DashboardSettings.DEFAULT_HOST, paramLabel = "HOST",
            description = "Interface to bind (default: ${DEFAULT-VALUE}; use 0.0.0.0 to expose it).")
    String host;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        Thread hook = new Thread(this::stopAndWait, "invthink-dashboard-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Map<String, Object> kafkaConfig = connection.kafkaConfig();
        String registryUrl = String.valueOf(kafkaConfig.get(RegistryConfig.URL));
        try (DashboardServer server = DashboardServer.start(options.settings(host, connection.topics(), kafkaConfig,
                registryUrl))) {
            LOG.info("invthink dashboard: {} | Ctrl-C to stop", server.url());
            stopRequested.await();
            return 0;
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook is running and waits for `stopped`, released above.
            }
        }
    }

    /** Asks {@link #call()} to stop and waits until the server is closed. */
    void stopAndWait() {
        stopRequested.countDown();
        try {
            stopped.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
