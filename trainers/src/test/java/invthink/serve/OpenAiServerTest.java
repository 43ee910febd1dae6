package invthink.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import invthink.chat.ChatTemplate;
import invthink.checkpoint.ModelDirectory;
import invthink.fixtures.TinyTokenizer;
import invthink.generate.Completion;
import invthink.generate.Generator;
import invthink.generate.SamplingParams;
import invthink.model.CausalLm;
import invthink.model.ModelConfig;
import invthink.tokenizer.TextTokenizer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpenAiServerTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static TextTokenizer tok;
    static CausalLm model;
    static OpenAiServer server;
    static HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() throws Exception {
        tok = TextTokenizer.load(TinyTokenizer.file());
        model = CausalLm.random(ModelConfig.named(ModelConfig.TINY, 512), Device.cpu(), 8);
        server = new OpenAiServer(model, tok, "tiny-policy", "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
        model.close();
        tok.close();
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String expectedGreedy(String user, int maxTokens) {
        int[] prompt = tok.encode(ChatTemplate.prompt(null, user));
        SamplingParams p = SamplingParams.greedy(maxTokens).withStopTokens(ModelDirectory.stopTokenIds(tok, model.config().eosTokenId()));
        Completion c = new Generator(model, tok).generate(List.of(prompt), p, true).get(0);
        return c.text();
    }

    @Test
    void listsTheModel() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/models")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals("tiny-policy", JSON.readTree(r.body()).at("/data/0/id").asText());
    }

    @Test
    void chatCompletionIsTheGreedyGenerationWithUsageAndLogprobs() throws Exception {
        String body = "{\"model\":\"tiny-policy\",\"messages\":[{\"role\":\"user\",\"content\":\"How should I file taxes?\"}],"
                + "\"temperature\":0,\"max_tokens\":12,\"logprobs\":true}";
        HttpResponse<String> r = post("/v1/chat/completions", body);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode n = JSON.readTree(r.body());
        assertEquals("chat.completion", n.get("object").asText());
        assertEquals(expectedGreedy("How should I file taxes?", 12), n.at("/choices/0/message/content").asText());
        assertEquals("assistant", n.at("/choices/0/message/role").asText());
        int completionTokens = n.at("/usage/completion_tokens").asInt();
        assertEquals(completionTokens, n.at("/choices/0/logprobs/content").size());
        assertTrue(n.at("/choices/0/logprobs/content/0/logprob").asDouble() <= 0);
        assertEquals(tok.encode(ChatTemplate.prompt(null, "How should I file taxes?")).length, n.at("/usage/prompt_tokens").asInt());
    }

    @Test
    void streamingSendsTheSameTextAsChunksThenDone() throws Exception {
        String body = "{\"model\":\"tiny-policy\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi there\"}],"
                + "\"temperature\":0,\"max_tokens\":10,\"stream\":true}";
        HttpResponse<String> r = post("/v1/chat/completions", body);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        StringBuilder text = new StringBuilder();
        List<String> events = r.body().lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
        assertEquals("[DONE]", events.get(events.size() - 1));
        String finish = null;
        for (String e : events.subList(0, events.size() - 1)) {
            JsonNode chunk = JSON.readTree(e);
            assertEquals("chat.completion.chunk", chunk.get("object").asText());
            text.append(chunk.at("/choices/0/delta/content").asText(""));
            if (!chunk.at("/choices/0/finish_reason").isNull()) finish = chunk.at("/choices/0/finish_reason").asText();
        }
        assertTrue(events.size() >= 3);
        assertEquals(expectedGreedy("Hi there", 10), text.toString());
        assertTrue(finish.equals("stop") || finish.equals("length"));
    }

    @Test
    void completionsAndErrorsSpeakTheOpenAiFormat() throws Exception {
        HttpResponse<String> ok = post("/v1/completions", "{\"model\":\"m\",\"prompt\":\"Once upon\",\"max_tokens\":5,\"temperature\":0}");
        assertEquals(200, ok.statusCode(), ok.body());
        JsonNode n = JSON.readTree(ok.body());
        assertEquals("text_completion", n.get("object").asText());
        int used = n.at("/usage/completion_tokens").asInt();
        String finish = n.at("/choices/0/finish_reason").asText();
        assertTrue(finish.equals("length") ? used == 5 : finish.equals("stop") && used >= 1 && used <= 5, finish + " " + used);
        HttpResponse<String> bad = post("/v1/chat/completions", "{\"messages\":[]}");
        assertEquals(400, bad.statusCode());
        assertEquals("invalid_request_error", JSON.readTree(bad.body()).at("/error/type").asText());
        HttpResponse<String> notJson = post("/v1/chat/completions", "{nope");
        assertEquals(400, notJson.statusCode());
        HttpResponse<String> wrongMethod = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/chat/completions")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, wrongMethod.statusCode());
    }

    @Test
    void closingWhileAStreamIsGeneratingWaitsForItBeforeTheModelIsFreed() throws Exception {
        CausalLm own = CausalLm.random(ModelConfig.named(ModelConfig.TINY, 512), Device.cpu(), 9);
        OpenAiServer busy = new OpenAiServer(own, tok, "busy", "127.0.0.1", 0);
        String body = "{\"model\":\"busy\",\"messages\":[{\"role\":\"user\",\"content\":\"Tell a long story.\"}],"
                + "\"temperature\":1,\"seed\":3,\"max_tokens\":400,\"stream\":true}";
        HttpResponse<java.io.InputStream> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + busy.port()
                        + "/v1/chat/completions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(r.body(), java.nio.charset.StandardCharsets.UTF_8))) {
            String first = lines.readLine();
            assertTrue(first != null && first.startsWith("data: "), "a first chunk while generating: " + first);
            // Generation is under way: close must wait for it, so freeing the weights next is safe.
            busy.close();
            own.close();
        }
        // Before close waited, freeing the weights here crashed the JVM (SIGSEGV in a forward pass).
    }
}
