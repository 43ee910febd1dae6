package invthink.dashboard.live;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /events}: the live stream as server-sent events.
 *
 * <p>A client resumes after its {@code Last-Event-ID} header (browsers send it on reconnect) or
 * a {@code lastEventId} query parameter (for the first connection after loading a snapshot). Each
 * connection gets its own bounded queue and writer thread: a client that stops reading fills
 * only its own queue and is then dropped, so it never delays the others. A comment line every
 * {@code heartbeatMillis} keeps proxies from closing idle streams and finds dead peers.
 *
 * <p>A dropped client's writer may stay blocked in a socket write until the peer goes away (the
 * JDK server offers no write timeout); such connections still count against {@code maxClients},
 * which bounds the threads they can hold.
 */
public final class SseHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SseHandler.class);
    private static final String QUERY_LAST_ID = "lastEventId=";
    private static final int RETRY_MILLIS = 2000;

    private final EventLog log;
    private final int queueCapacity;
    private final int maxClients;
    private final long heartbeatMillis;
    private final AtomicInteger open = new AtomicInteger();

    public SseHandler(EventLog log, int queueCapacity, int maxClients, long heartbeatMillis) {
        this.log = log;
        this.queueCapacity = queueCapacity;
        this.maxClients = maxClients;
        this.heartbeatMillis = heartbeatMillis;
        LiveInstruments.register();
    }

    /** Connections being served now, including dropped ones whose write has not returned yet. */
    public int openConnections() {
        return open.get();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "GET");
            exchange.sendResponseHeaders(405, -1);
            exchange.close();
            return;
        }
        // Count before checking, so concurrent connections cannot overshoot the limit together.
        if (open.incrementAndGet() > maxClients) {
            open.decrementAndGet();
            LiveInstruments.REFUSED.inc();
            exchange.getResponseHeaders().set("Retry-After", "5");
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
        }
        LiveInstruments.CLIENTS.inc();
        SseClient client = new SseClient(queueCapacity);
        try {
            stream(exchange, client);
        } catch (IOException e) {
            LOG.debug("live stream to {} ended: {}", exchange.getRemoteAddress(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            log.unsubscribe(client);
            if (client.evicted()) {
                LiveInstruments.EVICTED.inc();
                LOG.info("dropped slow live-stream client {}: {}", exchange.getRemoteAddress(), client.evictedBecause());
            }
            open.decrementAndGet();
            LiveInstruments.CLIENTS.dec();
            exchange.close();
        }
    }

    private void stream(HttpExchange exchange, SseClient client) throws IOException, InterruptedException {
        String lastId = exchange.getRequestHeaders().getFirst("Last-Event-ID");
        if (lastId == null) {
            lastId = queryLastId(exchange.getRequestURI().getRawQuery());
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        EventLog.Replay replay = log.subscribe(lastId, client);
        write(out, "retry: " + RETRY_MILLIS + "\n\n");
        if (replay.reset()) {
            // The client's position is gone (restart, or older than the buffer): it must reload.
            write(out, "event: reset\ndata: {\"eventId\":\"" + log.lastEventId() + "\"}\n\n");
        }
        for (LiveEvent e : replay.backlog()) {
            out.write(e.frame());
        }
        out.flush();
        while (true) {
            LiveEvent e = client.next(heartbeatMillis);
            if (client.evicted()) {
                return;
            }
            if (e == null) {
                write(out, ": keep-alive\n\n");
            } else {
                // Drain what is waiting before flushing: one network write per burst, not per event.
                for (; e != null; e = client.poll()) {
                    out.write(e.frame());
                }
            }
            out.flush();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    static String queryLastId(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        for (String part : rawQuery.split("&")) {
            if (part.startsWith(QUERY_LAST_ID)) {
                return URLDecoder.decode(part.substring(QUERY_LAST_ID.length()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
