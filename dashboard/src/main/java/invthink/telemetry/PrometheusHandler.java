package invthink.telemetry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code GET /metrics}: a scrape of a Prometheus registry in the text format (or OpenMetrics /
 * protobuf when the scraper's {@code Accept} header asks for it).
 *
 * <p>Mount it on a server the command already runs ({@code server.createContext("/metrics",
 * new PrometheusHandler())}), so a process exposes one endpoint without a second exporter.
 */
public final class PrometheusHandler implements HttpHandler {

    private final PrometheusRegistry registry;
    private final ExpositionFormats formats = ExpositionFormats.init();

    /** Serves {@link PrometheusRegistry#defaultRegistry}, where every stage registers its instruments. */
    public PrometheusHandler() {
        this(PrometheusRegistry.defaultRegistry);
    }

    public PrometheusHandler(PrometheusRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            ExpositionFormatWriter writer = formats.findWriter(exchange.getRequestHeaders().getFirst("Accept"));
            MetricSnapshots snapshots = registry.scrape();
            // Render first: a scrape that fails must answer 500, not a truncated 200.
            ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
            writer.write(body, snapshots);
            exchange.getResponseHeaders().set("Content-Type", writer.getContentType());
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            if ("HEAD".equals(method)) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.size());
            try (OutputStream out = exchange.getResponseBody()) {
                body.writeTo(out);
            }
        }
    }
}
