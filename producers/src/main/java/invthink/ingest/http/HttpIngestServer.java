package invthink.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import invthink.hazard.Domains;
import invthink.ingest.publish.IngestPublisher;
import invthink.ingest.publish.PublishResult;
import invthink.ingest.source.JsonRecords;
import invthink.ingest.source.Labels;
import invthink.ingest.source.Malformed;
import invthink.ingest.source.Submission;
import invthink.ingest.source.Utf8;
import invthink.prompt.Candidate;
import invthink.prompt.Prepared;
import invthink.prompt.PromptMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP ingest endpoint (see the package description). */
public final class HttpIngestServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpIngestServer.class);
    public static final String PATH = "/v1/prompts";
    public static final String DEFAULT_HOST = "localhost";
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    /** How much of a refused oversized body the dead letter keeps. */
    private static final int OVERSIZED_KEEP_BYTES = 64 * 1024;
    private static final long ACK_TIMEOUT_SECONDS = 30;
    private static final int THREADS = 4;

    /**
     * @param host         interface to bind (localhost by default: exposing ingest is a decision)
     * @param port         port, 0 for any free one
     * @param maxBodyBytes larger bodies get 413
     * @param bearerToken  required {@code Authorization: Bearer} token, or null for none
     */
    public record Settings(String host, int port, int maxBodyBytes, String bearerToken) {
        @Override
        public String toString() {
            return "Settings[host=" + host + ", port=" + port + ", maxBodyBytes=" + maxBodyBytes
                    + ", bearerToken=" + (bearerToken == null ? "none" : "***") + "]";
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final IngestPublisher publisher;
    private final Settings settings;

    private HttpIngestServer(Settings settings, IngestPublisher publisher) throws IOException {
        this.settings = settings;
        this.publisher = publisher;
        this.server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 64);
        this.executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "invthink-http-ingest");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext(PATH, this::handle);
        server.createContext("/healthz", ex -> respond(ex, 200, JsonRecords.MAPPER.createObjectNode().put("status", "ok")));
    }

    public static HttpIngestServer start(Settings settings, IngestPublisher publisher) throws IOException {
        HttpIngestServer s = new HttpIngestServer(settings, publisher);
        s.server.start();
        LOG.info("HTTP ingest on {}{} ({})", s.url(), PATH, settings.bearerToken() == null ? "no token" : "bearer token required");
        return s;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://" + settings.host() + ":" + port();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"POST".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", "POST");
                respond(ex, 405, error("use POST"));
                return;
            }
            if (!authorised(ex)) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                respond(ex, 401, error("missing or wrong bearer token"));
                return;
            }
            String peer = "http:" + ex.getRemoteAddress().getAddress().getHostAddress();
            Body body = readBody(ex, settings.maxBodyBytes());
            if (body.oversized()) {
                byte[] head = body.bytes();
                deadLetter(peer, null, head, "oversized_body", "request body over "
                        + settings.maxBodyBytes() + " bytes; first " + head.length + " bytes kept");
                respond(ex, 413, error("request body is over the limit of " + settings.maxBodyBytes() + " bytes"));
                return;
            }
            process(ex, body.bytes(), peer);
        } catch (RuntimeException e) {
            LOG.warn("HTTP ingest failed: {}", e.toString());
            respond(ex, 503, error("could not publish: " + e.getMessage()));
        }
    }

    private void process(HttpExchange ex, byte[] body, String peer) throws IOException {
        String text = Utf8.decode(body);
        if (text == null) {
            deadLetter(peer, null, body, Malformed.INVALID_UTF8, "request body is not valid UTF-8");
            respond(ex, 400, error("request body is not valid UTF-8"));
            return;
        }
        JsonNode root;
        try {
            root = JsonRecords.MAPPER.readTree(text);
        } catch (IOException e) {
            deadLetter(peer, null, body, Malformed.INVALID_JSON, "request body is not valid JSON");
            respond(ex, 400, error("request body is not valid JSON: " + firstLine(e.getMessage())));
            return;
        }
        List<JsonNode> entries = entries(root);
        if (entries == null || entries.isEmpty()) {
            deadLetter(peer, null, body, Malformed.UNSUPPORTED, "expected a prompt, an array of prompts or {\"prompts\": [...]}");
            respond(ex, 400, error("expected a prompt object, a string, an array of them, or {\"prompts\": [...]}"));
            return;
        }
        List<Submission> submissions = new ArrayList<>();
        List<Prepared> prepared = new ArrayList<>();
        ArrayNode errors = JsonRecords.MAPPER.createArrayNode();
        for (int i = 0; i < entries.size(); i++) {
            String location = peer + " entry " + i;
            JsonNode entry = entries.get(i);
            byte[] raw = entry.toString().getBytes(StandardCharsets.UTF_8);
            String problem = null;
            Submission s = null;
            Prepared p = null;
            String promptText = entry.isTextual() ? entry.asText() : entry.isObject() ? textField(entry) : null;
            if (promptText == null) {
                problem = entry.isObject() ? "missing string field \"text\" (or \"prompt\")" : "entry is neither a string nor an object";
            } else {
                s = new Submission(candidate(entry, promptText), null, location, raw);
                p = publisher.prepare(s);
                if (!p.accepted()) {
                    problem = p.refusal().code() + ": " + p.refusal().reason();
                }
            }
            if (problem != null) {
                errors.add(JsonRecords.MAPPER.createObjectNode().put("index", i).put("reason", problem));
                deadLetter(peer, "entry " + i, raw, p != null && p.refusal() != null ? p.refusal().code()
                        : Malformed.MISSING_FIELD, problem);
            }
            submissions.add(s);
            prepared.add(p);
        }
        if (!errors.isEmpty()) {
            ObjectNode out = error(errors.size() + " of " + entries.size() + " entries are malformed; none were accepted");
            out.set("errors", errors);
            respond(ex, 400, out);
            return;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        ArrayNode ids = JsonRecords.MAPPER.createArrayNode();
        int duplicates = 0;
        for (int i = 0; i < submissions.size(); i++) {
            PublishResult r = publisher.publish(submissions.get(i), prepared.get(i), "http");
            ids.add(r.promptId());
            duplicates += r.duplicate() ? 1 : 0;
            sends.addAll(r.sends());
        }
        try {
            for (Future<RecordMetadata> f : sends) {
                f.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            respond(ex, 503, error("the broker did not acknowledge: " + e.getMessage()));
            return;
        }
        ObjectNode out = JsonRecords.MAPPER.createObjectNode();
        out.put("accepted", submissions.size());
        out.put("duplicates", duplicates);
        out.set("ids", ids);
        respond(ex, 200, out);
    }

    /**
     * Dead-letters and waits for the broker, so that when the client hears 400 or 413 the bad input
     * is already on the DLQ; a failure to store it is logged, the client's answer stays the same.
     */
    private void deadLetter(String source, String location, byte[] raw, String code, String reason) {
        PublishResult r = publisher.deadLetter(source, location, raw, code, reason);
        try {
            for (Future<RecordMetadata> f : r.sends()) {
                f.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            LOG.warn("could not dead-letter {} from {}: {}", code, location, e.toString());
        }
    }

    private static List<JsonNode> entries(JsonNode root) {
        if (root == null) {
            return null;
        }
        if (root.isObject() && root.has("prompts")) {
            root = root.get("prompts");
        }
        if (root.isArray()) {
            List<JsonNode> list = new ArrayList<>();
            root.forEach(list::add);
            return list;
        }
        return root.isObject() || root.isTextual() ? List.of(root) : null;
    }

    private static String textField(JsonNode entry) {
        for (String f : List.of("text", "prompt")) {
            JsonNode v = entry.get(f);
            if (v != null && v.isTextual()) {
                return v.asText();
            }
        }
        return null;
    }

    private static Candidate candidate(JsonNode entry, String text) {
        Map<String, String> metadata = new HashMap<>();
        String domain = null;
        String system = null;
        List<String> hints = new ArrayList<>();
        if (entry.isObject()) {
            JsonNode md = entry.get("metadata");
            if (md != null && md.isObject()) {
                md.fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().isTextual()
                        ? e.getValue().asText() : e.getValue().toString()));
            }
            String d = entry.path("domain").asText(null);
            domain = Domains.canonical(d) == null ? null : d;
            String label = Labels.canonical(entry.path("label").asText(null));
            if (label != null) {
                metadata.put(PromptMetadata.LABEL, label);
            }
            String id = entry.path("id").asText(null);
            if (id != null) {
                metadata.put(PromptMetadata.SOURCE_ID, id);
            }
            system = entry.path("system").asText(null);
            entry.path("hazard_hints").forEach(h -> hints.add(h.asText()));
        }
        return new Candidate(text, system, "http", domain, hints, metadata);
    }

    private boolean authorised(HttpExchange ex) {
        if (settings.bearerToken() == null) {
            return true;
        }
        String header = ex.getRequestHeaders().getFirst("Authorization");
        byte[] expected = ("Bearer " + settings.bearerToken()).getBytes(StandardCharsets.UTF_8);
        return header != null && MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8));
    }

    /** A request body, or the head of one that was too long. */
    private record Body(byte[] bytes, boolean oversized) {
    }

    /** Reads at most {@code max + 1} bytes: enough to know a body is too long, never more. */
    private static Body readBody(HttpExchange ex, int max) throws IOException {
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > max) {
                    return new Body(new byte[0], true);
                }
            } catch (NumberFormatException e) {
                // let the read below decide
            }
        }
        InputStream in = ex.getRequestBody();
        byte[] buf = new byte[Math.min(max + 1, 64 * 1024)];
        int n = 0;
        while (true) {
            if (n == buf.length) {
                if (buf.length > max) {
                    return new Body(Arrays.copyOf(buf, Math.min(n, OVERSIZED_KEEP_BYTES)), true);
                }
                buf = Arrays.copyOf(buf, Math.min(buf.length * 2, max + 1));
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                return new Body(Arrays.copyOf(buf, n), false);
            }
            n += r;
        }
    }

    private static ObjectNode error(String message) {
        return JsonRecords.MAPPER.createObjectNode().put("error", message);
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
    }

    private static void respond(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = JsonRecords.MAPPER.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }
}
