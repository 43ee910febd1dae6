package invthink.ingest.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import invthink.avro.DeadLetter;
import invthink.avro.Prompt;
import invthink.ingest.IngestFixture;
import invthink.ingest.publish.IngestPublisher;
import invthink.ingest.source.JsonRecords;
import invthink.prompt.PromptMetadata;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpIngestServerTest {

    private static final String TOKEN = "test-token-123";
    private IngestFixture kafka;
    private KafkaProducer<byte[], Object> producer;
    private HttpIngestServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        kafka = new IngestFixture();
        producer = kafka.producer();
        IngestPublisher publisher = kafka.publisher(producer, 500);
        server = HttpIngestServer.start(new HttpIngestServer.Settings("127.0.0.1", 0, 2000, TOKEN), publisher);
    }

    @AfterAll
    void stop() {
        server.close();
        producer.close();
    }

    private HttpResponse<String> post(String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + HttpIngestServer.PATH))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JsonRecords.MAPPER.readTree(r.body());
    }

    @Test
    void acceptsOneOrManyAndAnswersWithTheIdsOnceStored() throws Exception {
        HttpResponse<String> one = post("{\"text\": \"How do I lower my cholesterol? mail me at a@b.example\", "
                + "\"label\": \"safe\", \"id\": \"client-1\"}", TOKEN);
        assertEquals(200, one.statusCode(), one.body());
        String id = json(one).get("ids").get(0).asText();
        HttpResponse<String> many = post("[\"What is an index fund?\", {\"prompt\": \"Explain a lease break clause\","
                + " \"domain\": \"legal\"}]", TOKEN);
        assertEquals(200, many.statusCode(), many.body());
        assertEquals(2, json(many).get("accepted").asInt());
        List<Prompt> prompts = kafka.prompts();
        Prompt first = prompts.stream().filter(p -> p.getId().equals(id)).findFirst().orElseThrow();
        assertEquals("How do I lower my cholesterol? mail me at [EMAIL]", first.getText());
        assertEquals(PromptMetadata.BENIGN, first.getMetadata().get(PromptMetadata.LABEL));
        assertEquals("client-1", first.getMetadata().get(PromptMetadata.SOURCE_ID));
        assertEquals("http", first.getSource());
        assertTrue(prompts.stream().anyMatch(p -> "law".equals(p.getDomain())));
    }

    @Test
    void malformedEntriesAreNamedAndNothingOfTheRequestIsAccepted() throws Exception {
        HttpResponse<String> r = post("{\"prompts\": [\"A fine prompt that must not be published\", {\"title\": \"no text\"}, "
                + "42, {\"text\": \" \\u200b \"}, {\"text\": \"" + "y".repeat(600) + "\"}]}", TOKEN);
        assertEquals(400, r.statusCode(), r.body());
        JsonNode errors = json(r).get("errors");
        assertEquals(List.of(1, 2, 3, 4), java.util.stream.StreamSupport.stream(errors.spliterator(), false)
                .map(e -> e.get("index").asInt()).toList());
        assertTrue(errors.get(0).get("reason").asText().contains("missing string field \"text\""));
        assertTrue(errors.get(2).get("reason").asText().startsWith("empty_prompt"));
        assertTrue(errors.get(3).get("reason").asText().startsWith("oversized_prompt"));
        assertTrue(kafka.prompts().stream().noneMatch(p -> p.getText().startsWith("A fine prompt")));
        Set<String> reasons = kafka.deadLetters().stream().map(DeadLetter::getErrorClass).collect(Collectors.toSet());
        assertTrue(reasons.containsAll(Set.of("missing_field", "empty_prompt", "oversized_prompt")), reasons::toString);
    }

    @Test
    void invalidJsonIs400AndDeadLettered() throws Exception {
        HttpResponse<String> r = post("{\"text\": ", TOKEN);
        assertEquals(400, r.statusCode());
        assertTrue(json(r).get("error").asText().contains("not valid JSON"));
        assertTrue(kafka.deadLetters().stream().anyMatch(d -> d.getErrorClass().equals("invalid_json")
                && d.getSource().startsWith("http:")));
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        HttpResponse<String> r = post("[\"" + "z".repeat(5000) + "\"]", TOKEN);
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(kafka.deadLetters().stream().anyMatch(d -> d.getErrorClass().equals("oversized_body")));
    }

    @Test
    void wrongOrMissingTokenIs401() throws Exception {
        assertEquals(401, post("{\"text\": \"hello\"}", null).statusCode());
        assertEquals(401, post("{\"text\": \"hello\"}", "nope").statusCode());
    }

    @Test
    void onlyPost() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url() + HttpIngestServer.PATH)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, r.statusCode());
    }
}
