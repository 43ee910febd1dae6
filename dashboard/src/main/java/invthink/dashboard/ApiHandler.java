package invthink.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import invthink.dashboard.view.DashboardView;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON API behind the page, read-only:
 * <ul>
 *   <li>{@code /api/snapshot} — everything the page shows, with the event id live updates continue from;</li>
 *   <li>{@code /api/metrics?since=T} — metric windows ending after T (epoch ms or ISO-8601 instant; default: all kept);</li>
 *   <li>{@code /api/models}, {@code /api/training}, {@code /api/dlq}, {@code /api/flagged},
 *       {@code /api/throughput}, {@code /api/alerts}.</li>
 * </ul>
 */
final class ApiHandler implements HttpHandler {

    private final DashboardView view;
    private final ObjectMapper json = new ObjectMapper();

    ApiHandler(DashboardView view) {
        this.view = view;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, Map.of("error", "only GET is supported"));
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            Object body;
            switch (exchange.getRequestURI().getPath()) {
                case "/api/snapshot" -> body = view.snapshot();
                case "/api/metrics" -> {
                    long since;
                    try {
                        since = parseSince(query.get("since"));
                    } catch (IllegalArgumentException e) {
                        send(exchange, 400, Map.of("error", e.getMessage()));
                        return;
                    }
                    body = view.metricsSince(since);
                }
                case "/api/models" -> body = view.models();
                case "/api/training" -> body = view.training();
                case "/api/dlq" -> body = Map.of("recent", view.deadLetters(), "counts", view.deadLetterCounts());
                case "/api/flagged" -> body = view.flagged();
                case "/api/throughput" -> body = view.throughput();
                case "/api/alerts" -> body = view.alerts();
                default -> {
                    send(exchange, 404, Map.of("error", "no such endpoint: " + exchange.getRequestURI().getPath()));
                    return;
                }
            }
            send(exchange, 200, body);
        }
    }

    /** Epoch milliseconds or an ISO-8601 instant; absent means the beginning of what is kept. */
    static long parseSince(String since) {
        if (since == null || since.isBlank()) {
            return Long.MIN_VALUE;
        }
        try {
            return Long.parseLong(since.trim());
        } catch (NumberFormatException notMillis) {
            try {
                return Instant.parse(since.trim()).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("since must be epoch milliseconds or an ISO-8601 instant "
                        + "(e.g. 2026-01-31T12:00:00Z), not '" + since + "'");
            }
        }
    }

    private void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null) {
            return params;
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(key, value);
        }
        return params;
    }
}
