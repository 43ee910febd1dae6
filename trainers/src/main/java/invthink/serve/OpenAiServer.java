package invthink.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import invthink.chat.ChatMessage;
import invthink.chat.ChatTemplate;
import invthink.checkpoint.ModelDirectory;
import invthink.generate.Completion;
import invthink.generate.Generator;
import invthink.generate.SamplingParams;
import invthink.model.CausalLm;
import invthink.tokenizer.TextTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one model with the OpenAI wire format. Requests generate one at a time (the model
 * saturates the CPU or GPU on its own); others wait for the lock. {@code top_k} is accepted
 * as an extension, as vLLM does.
 */
public final class OpenAiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEFAULT_MAX_TOKENS = 512;
    private static final Duration GENERATION_DRAIN = Duration.ofMinutes(5);

    private final CausalLm model;
    private final TextTokenizer tokenizer;
    private final String modelName;
    private final Generator generator;
    private final List<Integer> stopTokens;
    private final ReentrantLock generating = new ReentrantLock(true);
    private final HttpServer server;
    private final ExecutorService executor;
    private final long created = Instant.now().getEpochSecond();

    public OpenAiServer(CausalLm model, TextTokenizer tokenizer, String modelName, String host, int port) throws IOException {
        this.model = model;
        this.tokenizer = tokenizer;
        this.modelName = modelName;
        this.generator = new Generator(model, tokenizer);
        this.stopTokens = ModelDirectory.stopTokenIds(tokenizer, model.config().eosTokenId());
        this.server = HttpServer.create(new InetSocketAddress(host, port), 64);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "openai-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/v1/models", ex -> handle(ex, "GET", this::models));
        server.createContext("/v1/chat/completions", ex -> handle(ex, "POST", this::chat));
        server.createContext("/v1/completions", ex -> handle(ex, "POST", this::completions));
        server.createContext("/health", ex -> handle(ex, "GET", (e, body) -> respond(e, 200, JSON.createObjectNode().put("status", "ok"))));
        server.start();
        LOG.info("serving {} at http://{}:{}/v1", modelName, host, port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @FunctionalInterface
    private interface Handler {
        void handle(HttpExchange exchange, JsonNode body) throws IOException;
    }

    private void handle(HttpExchange ex, String method, Handler handler) throws IOException {
        try (ex) {
            try {
                if (!method.equals(ex.getRequestMethod())) {
                    throw new ApiError(405, "invalid_request_error", ex.getRequestMethod() + " not allowed on " + ex.getRequestURI().getPath());
                }
                JsonNode body = null;
                if ("POST".equals(method)) {
                    try (InputStream in = ex.getRequestBody()) {
                        body = JSON.readTree(in);
                    } catch (IOException e) {
                        throw ApiError.badRequest("request body is not JSON: " + e.getMessage());
                    }
                    if (body == null || !body.isObject()) throw ApiError.badRequest("request body must be a JSON object");
                }
                handler.handle(ex, body);
            } catch (ApiError e) {
                error(ex, e.status, e.type, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("request failed: {}", e.toString(), e);
                error(ex, 500, "server_error", e.getMessage());
            }
        }
    }

    private void models(HttpExchange ex, JsonNode body) throws IOException {
        ObjectNode root = JSON.createObjectNode().put("object", "list");
        root.putArray("data").addObject().put("id", modelName).put("object", "model").put("created", created).put("owned_by", "invthink");
        respond(ex, 200, root);
    }

    private void chat(HttpExchange ex, JsonNode body) throws IOException {
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) throw ApiError.badRequest("'messages' must be a non-empty array");
        List<ChatMessage> turns = new ArrayList<>();
        for (JsonNode m : messages) {
            String role = m.path("role").asText("");
            if (!List.of("system", "user", "assistant", "developer").contains(role)) throw ApiError.badRequest("unknown role '" + role + "'");
            turns.add(new ChatMessage(role.equals("developer") ? "system" : role, content(m.get("content"))));
        }
        int[] prompt = tokenizer.encode(ChatTemplate.prompt(turns));
        SamplingParams params = sampling(body, prompt.length, DEFAULT_MAX_TOKENS, 1.0);
        int n = body.path("n").asInt(1);
        if (n < 1 || n > 16) throw ApiError.badRequest("'n' must be between 1 and 16");
        String id = "chatcmpl-" + UUID.randomUUID();
        if (body.path("stream").asBoolean(false)) {
            if (n != 1) throw ApiError.badRequest("streaming supports n = 1 only");
            streamChat(ex, id, prompt, params);
            return;
        }
        List<Completion> out = generate(prompt, params, n, null);
        ObjectNode root = JSON.createObjectNode().put("id", id).put("object", "chat.completion")
                .put("created", Instant.now().getEpochSecond()).put("model", modelName);
        ArrayNode choices = root.putArray("choices");
        for (int i = 0; i < out.size(); i++) {
            ObjectNode c = choices.addObject().put("index", i);
            c.putObject("message").put("role", "assistant").put("content", out.get(i).text());
            c.put("finish_reason", out.get(i).finishReason());
            if (body.path("logprobs").asBoolean(false)) logprobs(c, out.get(i));
            else c.putNull("logprobs");
        }
        usage(root, prompt.length, out);
        respond(ex, 200, root);
    }

    private void completions(HttpExchange ex, JsonNode body) throws IOException {
        JsonNode p = body.get("prompt");
        if (p == null || !(p.isTextual() || (p.isArray() && p.size() == 1 && p.get(0).isTextual()))) {
            throw ApiError.badRequest("'prompt' must be a string (or an array of one string)");
        }
        if (body.path("stream").asBoolean(false)) throw ApiError.badRequest("stream is supported on /v1/chat/completions only");
        int[] prompt = tokenizer.encode(p.isTextual() ? p.asText() : p.get(0).asText());
        if (prompt.length == 0) throw ApiError.badRequest("'prompt' has no tokens");
        SamplingParams params = sampling(body, prompt.length, 16, 1.0);
        int n = body.path("n").asInt(1);
        if (n < 1 || n > 16) throw ApiError.badRequest("'n' must be between 1 and 16");
        List<Completion> out = generate(prompt, params, n, null);
        ObjectNode root = JSON.createObjectNode().put("id", "cmpl-" + UUID.randomUUID()).put("object", "text_completion")
                .put("created", Instant.now().getEpochSecond()).put("model", modelName);
        ArrayNode choices = root.putArray("choices");
        for (int i = 0; i < out.size(); i++) {
            ObjectNode c = choices.addObject().put("index", i).put("text", out.get(i).text());
            c.put("finish_reason", out.get(i).finishReason());
            if (body.path("logprobs").isNull() || body.path("logprobs").isMissingNode()) c.putNull("logprobs");
            else logprobs(c, out.get(i));
        }
        usage(root, prompt.length, out);
        respond(ex, 200, root);
    }

    private void streamChat(HttpExchange ex, String id, int[] prompt, SamplingParams params) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        long createdAt = Instant.now().getEpochSecond();
        int holdBack = params.stopStrings().stream().mapToInt(String::length).max().orElse(1) - 1;
        List<Integer> tokens = new ArrayList<>();
        int[] sent = {0};
        sse(out, chunk(id, createdAt, JSON.createObjectNode().put("role", "assistant").put("content", ""), null));
        List<Completion> done = generate(prompt, params, 1, (row, token, finished) -> {
            if (finished) return; // the final text, stop strings cut, goes out below
            tokens.add(token);
            String text = tokenizer.decode(tokens.stream().mapToInt(Integer::intValue).toArray(), false);
            // Hold back a possible partial stop string, and a half-decoded UTF-8 character.
            int safe = text.length() - holdBack;
            if (safe > 0 && text.charAt(safe - 1) == '\uFFFD') safe--;
            if (safe > sent[0]) {
                sseUnchecked(out, chunk(id, createdAt, JSON.createObjectNode().put("content", text.substring(sent[0], safe)), null));
                sent[0] = safe;
            }
        });
        Completion c = done.get(0);
        if (c.text().length() > sent[0]) {
            sse(out, chunk(id, createdAt, JSON.createObjectNode().put("content", c.text().substring(sent[0])), null));
        }
        sse(out, chunk(id, createdAt, JSON.createObjectNode(), c.finishReason()));
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private ObjectNode chunk(String id, long createdAt, ObjectNode delta, String finish) {
        ObjectNode root = JSON.createObjectNode().put("id", id).put("object", "chat.completion.chunk")
                .put("created", createdAt).put("model", modelName);
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finish == null) choice.putNull("finish_reason");
        else choice.put("finish_reason", finish);
        return root;
    }

    private static void sse(OutputStream out, ObjectNode event) throws IOException {
        out.write(("data: " + JSON.writeValueAsString(event) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void sseUnchecked(OutputStream out, ObjectNode event) {
        try {
            sse(out, event);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("client went away", e);
        }
    }

    private List<Completion> generate(int[] prompt, SamplingParams params, int n, Generator.TokenListener listener) {
        List<int[]> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) batch.add(prompt);
        try {
            // Interruptible: a server being closed drops the requests still waiting for the model.
            generating.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.unavailable("server is stopping");
        }
        try {
            return listener == null ? generator.generate(batch, params, true) : generator.generate(batch, params, true, listener);
        } finally {
            generating.unlock();
        }
    }

    private SamplingParams sampling(JsonNode body, int promptTokens, int defaultMax, double defaultTemperature) {
        int room = model.config().maxPositionEmbeddings() - promptTokens;
        if (room < 1) throw ApiError.badRequest("prompt of " + promptTokens + " tokens fills the context of " + model.config().maxPositionEmbeddings());
        JsonNode maxNode = body.hasNonNull("max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
        int max = maxNode == null || maxNode.isNull() ? Math.min(defaultMax, room) : maxNode.asInt();
        if (max < 1) throw ApiError.badRequest("'max_tokens' must be at least 1");
        if (max > room) throw ApiError.badRequest("'max_tokens' " + max + " exceeds the " + room + " tokens left in the context");
        double temperature = body.path("temperature").asDouble(defaultTemperature);
        double topP = body.path("top_p").asDouble(1.0);
        int topK = body.path("top_k").asInt(0);
        if (temperature < 0 || temperature > 2) throw ApiError.badRequest("'temperature' must be between 0 and 2");
        if (topP <= 0 || topP > 1) throw ApiError.badRequest("'top_p' must be in (0, 1]");
        List<String> stops = new ArrayList<>();
        JsonNode stop = body.get("stop");
        if (stop != null && stop.isTextual()) stops.add(stop.asText());
        else if (stop != null && stop.isArray()) stop.forEach(s -> stops.add(s.asText()));
        stops.removeIf(String::isEmpty);
        long seed = body.hasNonNull("seed") ? body.get("seed").asLong() : System.nanoTime();
        try {
            return new SamplingParams(max, temperature, topK, topP, stopTokens, stops, seed);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    private static String content(JsonNode c) {
        if (c == null || c.isNull()) return "";
        if (c.isTextual()) return c.asText();
        if (c.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : c) {
                if (!"text".equals(part.path("type").asText())) throw ApiError.badRequest("only text content parts are supported");
                sb.append(part.path("text").asText());
            }
            return sb.toString();
        }
        throw ApiError.badRequest("message content must be a string or an array of text parts");
    }

    private void logprobs(ObjectNode choice, Completion c) {
        ArrayNode content = choice.putObject("logprobs").putArray("content");
        for (int i = 0; i < c.tokenIds().length; i++) {
            content.addObject().put("token", tokenizer.decode(new int[] {c.tokenIds()[i]}, false))
                    .put("token_id", c.tokenIds()[i]).put("logprob", c.logProbs()[i]);
        }
    }

    private static void usage(ObjectNode root, int promptTokens, List<Completion> out) {
        int completion = out.stream().mapToInt(c -> c.tokenIds().length).sum();
        root.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completion)
                .put("total_tokens", promptTokens + completion);
    }

    private static void respond(HttpExchange ex, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static void error(HttpExchange ex, int status, String type, String message) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("message", String.valueOf(message)).put("type", type).putNull("param").putNull("code");
        respond(ex, status, root);
    }

    /**
     * Stops accepting requests and waits for a generation under way to finish: the caller frees the
     * model next, and native weights freed under a running forward pass crash the JVM.
     */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow(); // drops queued requests; a running forward pass does not see the interrupt
        try {
            if (!executor.awaitTermination(GENERATION_DRAIN.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("a generation still runs {} after stop; closing anyway", GENERATION_DRAIN);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
