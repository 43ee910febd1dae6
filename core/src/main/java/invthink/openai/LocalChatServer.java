package invthink.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A chat-completions endpoint on a local socket whose replies come from a {@link Script}: the
 * simulated teacher of {@code invthink bench enrich}, and the stand-in for an LLM in tests (with
 * latency and faults: 5xx, 429 with Retry-After, malformed JSON, slow answers). It speaks the
 * real protocol over real HTTP, so the client under test cannot tell it from vLLM.
 */
public final class LocalChatServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One request as the server saw it.
     *
     * @param authorization the Authorization header, or null
     * @param sequence      counts requests from 1
     */
    public record Call(String model, List<ChatMessage> messages, JsonNode body, String authorization, long sequence) {

        /** The text of the last user message. */
        public String lastUser() {
            for (int i = messages.size() - 1; i >= 0; i--) {
                if ("user".equals(messages.get(i).role())) {
                    return messages.get(i).content();
                }
            }
            return "";
        }
    }

    /**
     * What to send back.
     *
     * @param status  HTTP status
     * @param body    response body
     * @param headers extra headers (e.g. Retry-After)
     * @param delayMs simulated latency before the reply
     */
    public record Reply(int status, String body, Map<String, String> headers, long delayMs) {

        /** A successful completion whose assistant message is {@code content}. */
        public static Reply completion(String content) {
            ObjectNode root = JSON.createObjectNode();
            root.put("id", "chatcmpl-local");
            root.put("object", "chat.completion");
            root.put("model", "local");
            ObjectNode choice = root.putArray("choices").addObject();
            choice.put("index", 0);
            choice.putObject("message").put("role", "assistant").put("content", content);
            choice.put("finish_reason", "stop");
            long out = Math.max(1, content.split("\\s+").length);
            root.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", out).put("total_tokens", 100 + out);
            return new Reply(200, root.toString(), Map.of(), 0);
        }

        /**
         * A completion whose assistant message calls {@code function} with {@code argumentsJson}
         * (content null when {@code content} is null, as OpenAI sends it), finish reason {@code tool_calls}.
         */
        public static Reply toolCall(String content, String function, String argumentsJson) {
            ObjectNode root = JSON.createObjectNode();
            root.put("id", "chatcmpl-local");
            root.put("object", "chat.completion");
            root.put("model", "local");
            ObjectNode choice = root.putArray("choices").addObject();
            choice.put("index", 0);
            ObjectNode message = choice.putObject("message").put("role", "assistant");
            if (content == null) {
                message.putNull("content");
            } else {
                message.put("content", content);
            }
            ObjectNode call = message.putArray("tool_calls").addObject();
            call.put("id", "call-local").put("type", "function");
            call.putObject("function").put("name", function).put("arguments", argumentsJson);
            choice.put("finish_reason", "tool_calls");
            root.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 20).put("total_tokens", 120);
            return new Reply(200, root.toString(), Map.of(), 0);
        }

        public static Reply status(int status, String body) {
            return new Reply(status, body, Map.of(), 0);
        }

        public static Reply raw(String body) {
            return new Reply(200, body, Map.of(), 0);
        }

        public Reply delayed(long ms) {
            return new Reply(status, body, headers, ms);
        }

        public Reply header(String name, String value) {
            Map<String, String> h = new java.util.HashMap<>(headers);
            h.put(name, value);
            return new Reply(status, body, Map.copyOf(h), delayMs);
        }
    }

    /** Decides the reply to each call; called concurrently. */
    @FunctionalInterface
    public interface Script {
        Reply reply(Call call);
    }

    private static final int MAX_WORKERS = 512;

    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "local-chat-server-timer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong calls = new AtomicLong();

    private LocalChatServer(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /** Starts on an ephemeral port of 127.0.0.1. */
    public static LocalChatServer start(Script script) throws IOException {
        return start(script, null);
    }

    /**
     * Starts a server that answers every chat call with {@code reply} without decoding the request:
     * for benchmarks, where the simulated teacher stands for another machine whose CPU should not
     * be counted against the client.
     */
    public static LocalChatServer answering(Reply reply) throws IOException {
        return start(null, reply);
    }

    private static LocalChatServer start(Script script, Reply fixed) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        // As many threads as scripts block at once (tests hold requests open), but idle ones park
        // on a queue: a cached pool's idle threads spin on a hand-off queue, and at hundreds of
        // requests a second that spinning cost the benchmark's client as much CPU as it saved.
        ThreadPoolExecutor workers = new ThreadPoolExecutor(MAX_WORKERS, MAX_WORKERS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "local-chat-server");
                    t.setDaemon(true);
                    return t;
                });
        workers.allowCoreThreadTimeOut(true);
        LocalChatServer local = new LocalChatServer(server, workers);
        server.createContext("/", exchange -> local.handle(exchange, script, fixed));
        server.setExecutor(workers);
        server.start();
        return local;
    }

    private void handle(HttpExchange exchange, Script script, Reply fixed) throws IOException {
        try {
            if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().endsWith("/chat/completions")) {
                try (exchange) {
                    send(exchange, Reply.status(404, "{\"error\":{\"message\":\"not found\"}}"));
                }
                return;
            }
            Reply reply;
            if (fixed != null) {
                exchange.getRequestBody().readAllBytes(); // the connection is reused for the next request
                calls.incrementAndGet();
                reply = fixed;
            } else {
                JsonNode body = JSON.readTree(exchange.getRequestBody());
                List<ChatMessage> messages = new ArrayList<>();
                for (JsonNode m : body.path("messages")) {
                    messages.add(new ChatMessage(m.path("role").asText(), m.path("content").asText()));
                }
                reply = script.reply(new Call(body.path("model").asText(), messages, body,
                        exchange.getRequestHeaders().getFirst("Authorization"), calls.incrementAndGet()));
            }
            if (reply.delayMs() > 0) {
                // Answer later from the timer instead of parking a thread per open request.
                timer.schedule(() -> {
                    try (exchange) {
                        send(exchange, reply);
                    }
                }, reply.delayMs(), TimeUnit.MILLISECONDS);
                return;
            }
            try (exchange) {
                send(exchange, reply);
            }
        } catch (RuntimeException e) {
            try (exchange) {
                send(exchange, Reply.status(500, "{\"error\":{\"message\":\"" + e.getClass().getSimpleName() + "\"}}"));
            }
        }
    }

    private static void send(HttpExchange exchange, Reply reply) {
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        try {
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException clientGone) {
            // The client timed out and closed the connection; nothing left to tell it.
        }
    }

    /** The base URL to configure a client with, e.g. {@code http://127.0.0.1:4711/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Requests received so far. */
    public long calls() {
        return calls.get();
    }

    @Override
    public void close() {
        server.stop(0);
        timer.shutdownNow();
        workers.shutdownNow();
    }
}
