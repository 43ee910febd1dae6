package invthink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import invthink.tokenizer.TextTokenizer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ModelCommandTest {

    @TempDir Path dir;

    @Test
    void initWritesACheckpointThatLogitsReads() throws Exception {
        Path corpus = dir.resolve("corpus.txt");
        Files.writeString(corpus, "<invthink>\nHarm Enumeration:\n1. Overstating certainty\n</invthink>\n<think>\nAsk a doctor.\n</think>\n".repeat(30));
        Path out = dir.resolve("tiny");
        assertEquals(0, Main.commandLine().execute("model", "init", "--config", "tiny", "--corpus", corpus.toString(),
                "--vocab-size", "300", "--out", out.toString()));
        for (String f : new String[] {"config.json", "model.safetensors", "tokenizer.json", "generation_config.json", "tokenizer_config.json"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        StringWriter text = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(text));
        assertEquals(0, cli.execute("model", "logits", "--model", out.toString(), "--text", "Ask a doctor.", "--json"));
        JsonNode n = new ObjectMapper().readTree(text.toString());
        JsonNode config = new ObjectMapper().readTree(out.resolve("config.json").toFile());
        assertEquals(config.get("vocab_size").asInt(), n.get("logits").size());
        try (TextTokenizer tok = TextTokenizer.load(out)) {
            int[] ids = tok.encode("Ask a doctor.");
            assertEquals(ids.length, n.get("ids").size());
            for (int i = 0; i < ids.length; i++) assertEquals(ids[i], n.get("ids").get(i).asInt());
        }
    }
}
