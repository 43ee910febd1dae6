package invthink.ingest.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import invthink.avro.DeadLetter;
import invthink.avro.Prompt;
import invthink.avro.Response;
import invthink.avro.ResponseSource;
import invthink.ingest.IngestFixture;
import invthink.ingest.source.CsvFileSource;
import invthink.ingest.source.CsvMapping;
import invthink.ingest.source.FieldMapping;
import invthink.ingest.source.LineFileSource;
import invthink.ingest.source.LineFormat;
import invthink.prompt.PromptMetadata;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files through the whole ingest path to real topics: prompts, production responses, and every bad input in the DLQ. */
class FileIngestTest {

    @TempDir
    Path dir;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void jsonlChatLogWithEveryKindOfBadLine() throws Exception {
        IngestFixture kafka = new IngestFixture();
        byte[] invalidUtf8 = {'b', 'a', 'd', ' ', (byte) 0xC3, (byte) 0x28, ' ', 'x'};
        String oversized = "{\"text\": \"" + "a".repeat(300) + "\"}";
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (byte[] line : List.of(
                utf8("{\"messages\":[{\"role\":\"system\",\"content\":\"You are helpful.\"},{\"role\":\"user\",\"content\":"
                        + "\"My card 4111 1111 1111 1111 was charged twice, what should I do?\"}],\"response\":\"Call your bank at "
                        + "+1 415 555 2671.\",\"model\":\"support-bot-7\",\"timestamp\":\"2026-05-01T10:00:00Z\",\"user\":\"u-42\"}"),
                utf8("{\"text\": \"How do I reset my router?\", \"label\": \"safe\", \"domain\": \"cyber\"}"),
                utf8("{\"text\": \"How do I reset my router?\"}"),
                utf8("{\"text\": \"unterminated"),
                invalidUtf8,
                utf8("{\"text\": \"   \"}"),
                utf8(oversized),
                utf8("{\"messages\":[{\"role\":\"assistant\",\"content\":\"hi\"}]}"),
                utf8("{\"title\": \"no text field\"}"),
                utf8("[1, 2, 3]"))) {
            file.write(line);
            file.write('\n');
        }
        Path log = dir.resolve("chat.jsonl");
        Files.write(log, file.toByteArray());

        IngestSummary summary;
        try (KafkaProducer<byte[], Object> producer = kafka.producer()) {
            IngestPublisher publisher = kafka.publisher(producer, 200);
            new SourceRunner(publisher, 0, false, false).run(() -> new LineFileSource(log, LineFormat.AUTO,
                    FieldMapping.defaults(), "file"));
            summary = publisher.summary();
        }

        List<Prompt> prompts = kafka.prompts();
        assertEquals(2, prompts.size(), () -> "prompts " + prompts);
        Prompt chat = prompts.stream().filter(p -> p.getText().startsWith("My card")).findFirst().orElseThrow();
        assertEquals("My card [CARD] was charged twice, what should I do?", chat.getText());
        assertEquals(Map.of("card", 1), chat.getRedactions());
        assertEquals("You are helpful.", chat.getMetadata().get(PromptMetadata.SYSTEM_PROMPT));
        assertEquals("support-bot-7", chat.getMetadata().get(PromptMetadata.MODEL));
        assertTrue(!chat.getMetadata().containsValue("u-42"), "the user id is hashed, not kept");
        Prompt router = prompts.stream().filter(p -> p.getText().contains("router")).findFirst().orElseThrow();
        assertEquals("cyber", router.getDomain());
        assertEquals(PromptMetadata.BENIGN, router.getMetadata().get(PromptMetadata.LABEL));

        List<Response> responses = kafka.responses();
        assertEquals(1, responses.size());
        Response r = responses.get(0);
        assertEquals(ResponseSource.PRODUCTION, r.getSource());
        assertEquals("Call your bank at [PHONE].", r.getResponseText());
        assertEquals(chat.getId(), r.getPromptId());
        assertEquals("support-bot-7", r.getModelVersion());
        assertEquals(java.time.Instant.parse("2026-05-01T10:00:00Z"), r.getCreatedAt());

        Map<String, DeadLetter> byReason = kafka.deadLetters().stream()
                .collect(Collectors.toMap(DeadLetter::getErrorClass, Function.identity(), (a, b) -> a));
        assertEquals(java.util.Set.of("invalid_json", "invalid_utf8", "empty_prompt", "oversized_prompt", "missing_field"),
                byReason.keySet());
        assertArrayEquals(invalidUtf8, bytes(byReason.get("invalid_utf8").getOriginalValue()));
        assertArrayEquals(utf8(oversized), bytes(byReason.get("oversized_prompt").getOriginalValue()));
        assertTrue(byReason.get("invalid_utf8").getSource().endsWith("chat.jsonl:5"), byReason.get("invalid_utf8").getSource());
        assertEquals("ingest", byReason.get("empty_prompt").getStage());

        assertEquals(2, summary.publishedCount());
        assertEquals(1, summary.duplicateCount());
        assertEquals(1, summary.responseCount());
        assertEquals(7, summary.deadLetterCount());
        assertEquals(Map.of("invalid_json", 3L, "invalid_utf8", 1L, "empty_prompt", 1L, "oversized_prompt", 1L,
                "missing_field", 2L).keySet(), summary.deadLettersByReason().keySet());
        assertEquals(Map.of("card", 1L, "phone", 1L), summary.redactionsByKind());
        assertTrue(summary.render().contains("duplicates"), summary.render());
    }

    @Test
    void csvWithColumnMappingAndBrokenRows() throws Exception {
        IngestFixture kafka = new IngestFixture();
        Path csv = dir.resolve("prompts.csv");
        Files.writeString(csv, """
                question,area,verdict
                "Is it safe to take ibuprofen with ""blood thinners""?",med,safe
                Only two columns,law
                "A prompt over
                two lines",finance,unsafe
                "never closed,law,safe
                """);
        FieldMapping mapping = new FieldMapping("question", "area", "verdict", null, null, null);
        try (KafkaProducer<byte[], Object> producer = kafka.producer()) {
            IngestPublisher publisher = kafka.publisher(producer, 1000);
            new SourceRunner(publisher, 0, false, false).run(() -> new CsvFileSource(csv, "file:" + csv,
                    header -> CsvMapping.forHeader(header, mapping, "file:" + csv)));
        }
        List<Prompt> prompts = kafka.prompts();
        assertEquals(2, prompts.size());
        Prompt first = prompts.stream().filter(p -> p.getText().startsWith("Is it safe")).findFirst().orElseThrow();
        assertEquals("Is it safe to take ibuprofen with \"blood thinners\"?", first.getText());
        assertEquals("medicine", first.getDomain());
        assertEquals(PromptMetadata.BENIGN, first.getMetadata().get(PromptMetadata.LABEL));
        Prompt multi = prompts.stream().filter(p -> p.getText().startsWith("A prompt over")).findFirst().orElseThrow();
        assertEquals("A prompt over\ntwo lines", multi.getText());
        assertEquals("finance", multi.getDomain());
        List<DeadLetter> dead = kafka.deadLetters();
        assertEquals(List.of("missing_column", "invalid_csv"), dead.stream().map(DeadLetter::getErrorClass).toList());
        assertTrue(dead.get(0).getReason().contains("missing [verdict]"), dead.get(0).getReason());
        assertEquals("Only two columns,law", new String(bytes(dead.get(0).getOriginalValue()), StandardCharsets.UTF_8));
    }

    @Test
    void csvWithoutTheMappedColumnIsUnusable() throws IOException {
        Path csv = dir.resolve("x.csv");
        Files.writeString(csv, "a,b\n1,2\n");
        FieldMapping mapping = new FieldMapping("question", null, null, null, null, null);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new CsvFileSource(csv, "file", header -> CsvMapping.forHeader(header, mapping, "file")));
        assertTrue(e.getMessage().contains("no text column 'question'"), e.getMessage());
    }

    static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return Arrays.copyOf(out, out.length);
    }
}
