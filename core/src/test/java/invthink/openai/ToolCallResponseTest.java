package invthink.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolCallResponseTest {

    @Test
    void aToolCallingReplyReachesTheCallerOverHttp() throws Exception {
        try (LocalChatServer server = LocalChatServer.start(call -> call.body().path("tools").isArray()
                ? LocalChatServer.Reply.toolCall(null, "send_email", "{\"to\":\"a@b.example\"}")
                : LocalChatServer.Reply.completion("plain"))) {
            OpenAiChatClient client = new OpenAiChatClient(OpenAiConfig.of(server.baseUrl(), "m").withApiKeyEnv(null)
                    .withRequestTimeout(Duration.ofSeconds(20)));
            List<Map<String, Object>> tools = List.of(Map.of("type", "function", "function", Map.of("name", "send_email")));
            ChatResponse withTools = client.complete(new ChatRequest(List.of(ChatMessage.user("hi")), 0, 10, Map.of("tools", tools))).get();
            assertEquals("", withTools.content());
            assertEquals(List.of(new ToolCall("call-local", "send_email", "{\"to\":\"a@b.example\"}")), withTools.toolCalls());
            assertEquals("tool_calls", withTools.finishReason());
            ChatResponse plain = client.complete(new ChatRequest(List.of(ChatMessage.user("hi")), 0, 10, Map.of())).get();
            assertEquals("plain", plain.content());
            assertEquals(List.of(), plain.toolCalls());
        }
    }

    @Test
    void argumentsSentAsAnObjectAreKeptAsJsonAndAMessageWithNeitherIsMalformed() {
        ChatResponse r = OpenAiChatClient.parse("{\"choices\":[{\"message\":{\"content\":\"ok\",\"tool_calls\":[{\"id\":\"1\","
                + "\"function\":{\"name\":\"cancel_alert\",\"arguments\":{\"alert_id\":\"A-1\"}}}]}}]}");
        assertEquals("ok", r.content());
        assertEquals("{\"alert_id\":\"A-1\"}", r.toolCalls().get(0).arguments());
        assertThrows(ChatException.class, () -> OpenAiChatClient.parse("{\"choices\":[{\"message\":{\"content\":null}}]}"));
    }
}
