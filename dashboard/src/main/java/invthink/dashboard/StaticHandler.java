package invthink.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * Serves the page and the chart library from the classpath: {@code /} and its files from
 * {@code invthink/dashboard/web/}, {@code /vendor/*} from the uPlot webjar. Nothing is fetched
 * from the network, so the page works air-gapped.
 */
final class StaticHandler implements HttpHandler {

    private static final String WEB_ROOT = "invthink/dashboard/web/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");
    // Same-origin everything: no inline script, no third-party fetches, no framing.
    private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; "
            + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'";

    private final Map<String, String> vendor;

    /** @param vendor public path under {@code /vendor/} to classpath resource */
    StaticHandler(Map<String, String> vendor) {
        this.vendor = Map.copyOf(vendor);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String resource = resourceFor(path);
            InputStream in = resource == null ? null : getClass().getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                byte[] body = "not found\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                exchange.sendResponseHeaders(404, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            try (in) {
                byte[] body = in.readAllBytes();
                String ext = resource.substring(resource.lastIndexOf('.') + 1);
                exchange.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(ext, "application/octet-stream"));
                exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
                exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
                exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
                exchange.getResponseHeaders().set("Cache-Control", "no-cache");
                if ("HEAD".equals(exchange.getRequestMethod())) {
                    exchange.sendResponseHeaders(200, -1);
                    return;
                }
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private String resourceFor(String path) {
        if (path.equals("/") || path.equals("/index.html")) {
            return WEB_ROOT + "index.html";
        }
        if (path.startsWith("/vendor/")) {
            return vendor.get(path.substring("/vendor/".length()));
        }
        String name = path.substring(1);
        // Flat directory of known files: no traversal, no listing.
        return name.matches("[a-z0-9-]+\\.(js|css|svg)") ? WEB_ROOT + name : null;
    }
}
