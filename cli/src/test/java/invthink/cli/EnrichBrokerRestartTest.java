package invthink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import invthink.avro.AugmentedExample;
import invthink.avro.Prompt;
import invthink.embedded.EmbeddedKafka;
import invthink.embedded.Ports;
import invthink.enrich.EnrichSettings;
import invthink.enrich.Enricher;
import invthink.openai.LocalChatServer;
import invthink.openai.OpenAiChatClient;
import invthink.openai.OpenAiConfig;
import invthink.registry.EmbeddedSchemaRegistry;
import invthink.teacher.ChatTeacher;
import invthink.teacher.ChatTeacherSettings;
import invthink.teacher.OfflineTeacher;
import invthink.topic.TopicCreator;
import invthink.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The enrichment stage keeps running through a restart of its broker (same data, same port) and
 * still writes every prompt exactly once. Runs on its own embedded broker: the shared test
 * cluster of the other modules cannot be restarted.
 */
class EnrichBrokerRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void aBrokerRestartLosesNothingAndDuplicatesNothing() throws Exception {
        EmbeddedKafka.Settings brokerSettings = new EmbeddedKafka.Settings("localhost", Ports.free(), Ports.free(), dataDir, Map.of());
        Topics topics = new Topics("restart.");
        EmbeddedKafka broker = EmbeddedKafka.start(brokerSettings);
        Map<String, Object> kafka = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(kafka)) {
            TopicCreator.ensure(admin, topics.all());
        }
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka, topics.schemas(), "127.0.0.1", 0);
        int n = 60;
        List<Prompt> prompts = IntStream.range(0, n).mapToObj(i -> EnrichStageFixture.prompt("restart prompt " + i)).toList();
        String valid = new OfflineTeacher(3).answer(prompts.get(0)).text();
        LocalChatServer.Reply reply = LocalChatServer.Reply.completion(valid).delayed(200);
        try (LocalChatServer server = LocalChatServer.start(call -> reply)) {
            EnrichStageFixture fx = new EnrichStageFixture(broker.bootstrapServers(), registry.url(), topics);
            fx.send(prompts);
            Map<String, Object> config = new HashMap<>(kafka);
            config.put("schema.registry.url", registry.url());
            config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6000);
            EnrichSettings settings = EnrichSettings.defaults("restart-group", "0").withMaxInFlight(2)
                    .withShutdownGrace(Duration.ofSeconds(5));
            OpenAiConfig teacherConfig = OpenAiConfig.of(server.baseUrl(), "t").withRequestTimeout(Duration.ofSeconds(10));
            try (Enricher enricher = new Enricher(settings, config, topics, new ChatTeacher(
                    new OpenAiChatClient(teacherConfig, v -> null), new ChatTeacherSettings(3, 0, 512, Map.of()))).start()) {
                int before = fx.traces(10, Duration.ofSeconds(90)).size();
                assertTrue(before >= 10 && before < n, "the broker restarts mid-stream: " + before + " of " + n + " done");
                broker.close();
                broker = EmbeddedKafka.start(brokerSettings);
                List<AugmentedExample> traces = fx.traces(n, Duration.ofSeconds(150));
                assertEquals(n, traces.size(), "each prompt exactly once in the committed traces");
                assertEquals(prompts.stream().map(Prompt::getId).collect(Collectors.toSet()),
                        traces.stream().map(t -> t.getPrompt().getId()).collect(Collectors.toCollection(HashSet::new)));
            }
            assertTrue(fx.deadLetters().isEmpty(), "a broker restart dead-letters nothing");
        } finally {
            registry.close();
            broker.close();
        }
    }
}
