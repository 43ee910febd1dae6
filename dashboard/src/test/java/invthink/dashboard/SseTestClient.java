package invthink.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A server-sent-events client over plain HTTP, as a browser's EventSource reads the stream. */
final class SseTestClient implements AutoCloseable {

    record Event(String id, String type, String data) {
        long seq() {
            return Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
        }

        JsonNode json() {
            try {
                return DashboardFixture.JSON.readTree(data);
            } catch (IOException e) {
                throw new AssertionError("event data is not JSON: " + data, e);
            }
        }
    }

    private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private final List<Event> received = new CopyOnWriteArrayList<>();
    private final Stream<String> lines;
    private final Thread reader;
    private final int status;

    private SseTestClient(HttpResponse<Stream<String>> response) {
        this.status = response.statusCode();
        this.lines = response.body();
        this.reader = new Thread(this::read, "sse-test-client");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /**
     * @param lastEventId where to resume; null for live only
     * @param asHeader    send it as {@code Last-Event-ID} (a browser's reconnect) instead of the query parameter
     */
    static SseTestClient connect(String baseUrl, String lastEventId, boolean asHeader)
            throws IOException, InterruptedException {
        String path = "events";
        HttpRequest.Builder request = HttpRequest.newBuilder().GET().header("Accept", "text/event-stream");
        if (lastEventId != null && asHeader) {
            request.header("Last-Event-ID", lastEventId);
        } else if (lastEventId != null) {
            path += "?lastEventId=" + URLEncoder.encode(lastEventId, StandardCharsets.UTF_8);
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return new SseTestClient(http.send(request.uri(URI.create(baseUrl).resolve(path)).build(),
                HttpResponse.BodyHandlers.ofLines()));
    }

    int status() {
        return status;
    }

    private void read() {
        String id = null;
        String type = "message";
        StringBuilder data = new StringBuilder();
        try {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        Event e = new Event(id, type, data.toString());
                        received.add(e);
                        queue.add(e);
                    }
                    type = "message";
                    data.setLength(0);
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    type = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
        } catch (RuntimeException closed) {
            // close() cancelled the stream
        }
    }

    /** Waits for the next event that matches, consuming the ones before it. */
    Event await(Predicate<Event> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Event e = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no matching live event within " + timeout + "; received " + received.size()
                        + " events, last: " + (received.isEmpty() ? "none" : received.get(received.size() - 1)));
            }
            if (condition.test(e)) {
                return e;
            }
        }
    }

    Event await(String type, Duration timeout) throws InterruptedException {
        return await(e -> e.type().equals(type), timeout);
    }

    /** Every event received so far, in order. */
    List<Event> received() {
        return new ArrayList<>(received);
    }

    @Override
    public void close() {
        lines.close();
    }
}
