package invthink.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import invthink.openai.LocalChatServer.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class OpenAiChatClientTest {

    private static final ChatRequest REQUEST = new ChatRequest(List.of(ChatMessage.user("hi")), 0.3, 77, Map.of("seed", 7));

    private static OpenAiChatClient client(LocalChatServer server, int retries, Duration timeout, Function<String, String> env) {
        OpenAiConfig config = OpenAiConfig.of(server.baseUrl(), "teacher-x")
                .withApiKeyEnv("TEST_KEY")
                .withRequestTimeout(timeout)
                .withRetries(retries, Duration.ofMillis(10), Duration.ofMillis(200));
        return new OpenAiChatClient(config, env);
    }

    private static ChatException failure(OpenAiChatClient client) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> client.complete(REQUEST).get(30, TimeUnit.SECONDS));
        return assertInstanceOf(ChatException.class, e.getCause());
    }

    @Test
    void sendsTheRequestAndReadsContentAndUsage() throws Exception {
        List<LocalChatServer.Call> calls = new CopyOnWriteArrayList<>();
        try (LocalChatServer server = LocalChatServer.start(call -> {
            calls.add(call);
            return Reply.completion("hello there");
        })) {
            ChatResponse response = client(server, 0, Duration.ofSeconds(10), Map.of("TEST_KEY", "sk-secret")::get)
                    .complete(REQUEST).get(30, TimeUnit.SECONDS);
            assertEquals("hello there", response.content());
            assertEquals(100, response.promptTokens());
            assertEquals(2, response.completionTokens());
            assertEquals("stop", response.finishReason());
            LocalChatServer.Call call = calls.get(0);
            assertEquals("teacher-x", call.model());
            assertEquals(0.3, call.body().get("temperature").asDouble());
            assertEquals(77, call.body().get("max_tokens").asInt());
            assertEquals(7, call.body().get("seed").asInt(), "extra body parameters pass through");
            assertEquals("Bearer sk-secret", call.authorization());
        }
    }

    @Test
    void sendsNoKeyWhenTheVariableIsUnset() throws Exception {
        List<LocalChatServer.Call> calls = new CopyOnWriteArrayList<>();
        try (LocalChatServer server = LocalChatServer.start(call -> {
            calls.add(call);
            return Reply.completion("ok");
        })) {
            client(server, 0, Duration.ofSeconds(10), name -> null).complete(REQUEST).get(30, TimeUnit.SECONDS);
            assertEquals(null, calls.get(0).authorization());
        }
    }

    @Test
    void retriesServerErrorsAnd429ThenSucceeds() throws Exception {
        try (LocalChatServer server = LocalChatServer.start(call -> switch ((int) call.sequence()) {
            case 1 -> Reply.status(500, "boom");
            case 2 -> Reply.status(429, "slow down").header("Retry-After", "0");
            case 3 -> Reply.status(503, "busy");
            default -> Reply.completion("finally");
        })) {
            assertEquals("finally", client(server, 3, Duration.ofSeconds(10), n -> null).complete(REQUEST).get(30, TimeUnit.SECONDS).content());
            assertEquals(4, server.calls());
        }
    }

    @Test
    void givesUpAfterMaxRetriesWithARetryableError() throws Exception {
        try (LocalChatServer server = LocalChatServer.start(call -> Reply.status(502, "bad gateway"))) {
            ChatException e = failure(client(server, 2, Duration.ofSeconds(10), n -> null));
            assertTrue(e.retryable());
            assertEquals(502, e.status());
            assertEquals(3, server.calls());
        }
    }

    @Test
    void aRetryAfterBeyondTheCapIsHandedToTheCaller() throws Exception {
        try (LocalChatServer server = LocalChatServer.start(call -> Reply.status(429, "quota").header("Retry-After", "60"))) {
            ChatException e = failure(client(server, 3, Duration.ofSeconds(10), n -> null));
            assertTrue(e.retryable());
            assertEquals(Duration.ofSeconds(60), e.retryAfter().orElseThrow());
            assertEquals(1, server.calls(), "no retry inside the client when the server asks for a long wait");
        }
    }

    @Test
    void doesNotRetryOtherClientErrors() throws Exception {
        try (LocalChatServer server = LocalChatServer.start(call -> Reply.status(400, "{\"error\":\"context too long\"}"))) {
            ChatException e = failure(client(server, 3, Duration.ofSeconds(10), n -> null));
            assertFalse(e.retryable());
            assertEquals(400, e.status());
            assertTrue(e.getMessage().contains("context too long"), e.getMessage());
            assertEquals(1, server.calls());
        }
    }

    @Test
    void malformedJsonIsAPermanentFailure() throws Exception {
        try (LocalChatServer server = LocalChatServer.start(call -> Reply.raw("{\"choices\": [ {\"mess"))) {
            ChatException e = failure(client(server, 3, Duration.ofSeconds(10), n -> null));
            assertFalse(e.retryable());
            assertTrue(e.getMessage().startsWith("malformed JSON"), e.getMessage());
        }
        try (LocalChatServer server = LocalChatServer.start(call -> Reply.raw("{\"choices\": []}"))) {
            ChatException e = failure(client(server, 3, Duration.ofSeconds(10), n -> null));
            assertTrue(e.getMessage().contains("no choices[0].message.content"), e.getMessage());
        }
    }

    @Test
    void timesOutPerRequestAndRetries() throws Exception {
        try (LocalChatServer server = LocalChatServer.start(call -> Reply.completion("late").delayed(5_000))) {
            ChatException e = failure(client(server, 1, Duration.ofMillis(200), n -> null));
            assertTrue(e.retryable());
            assertTrue(e.getMessage().contains("no answer within 200 ms"), e.getMessage());
            assertEquals(2, server.calls());
        }
    }

    @Test
    void readsRetryAfterAsSecondsOrHttpDate() {
        assertEquals(Duration.ofSeconds(3), OpenAiChatClient.retryAfter("3"));
        assertTrue(OpenAiChatClient.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT").isZero(), "a past date means now");
        assertEquals(null, OpenAiChatClient.retryAfter("soon"));
    }
}
