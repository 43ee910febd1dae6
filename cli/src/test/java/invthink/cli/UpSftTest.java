package invthink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import invthink.embedded.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** By default `up` trains the small policy from scratch: it initialises it once, then reuses it. */
class UpSftTest {

    @TempDir
    Path dataDir;

    @Test
    void upInitialisesTheSmallPolicyOnceWithATokenizerLearnedFromTheDemoCorpus() throws Exception {
        String[] args = {"up", "--data-dir", dataDir.toString(), "--kafka-port", "" + Ports.free(),
            "--controller-port", "" + Ports.free(), "--registry-port", "" + Ports.free(),
            "--demo=false", "--ingest-port", "0", "--no-dashboard", "--metrics-port", "0", "--no-score"};
        Path base = dataDir.resolve("policy-base");
        FileTime written;
        try (RunningUp running = RunningUp.start(args)) {
            JsonNode config = new ObjectMapper().readTree(base.resolve("config.json").toFile());
            JsonNode tokenizer = new ObjectMapper().readTree(base.resolve("tokenizer.json").toFile());
            assertTrue(tokenizer.path("model").path("merges").size() > 100, "BPE merges learned from the demo prompts");
            assertTrue(config.path("vocab_size").asInt() > 256 + 7, "more than bytes and special tokens: " + config);
            assertTrue(Files.exists(base.resolve("model.safetensors")));
            written = Files.getLastModifiedTime(base.resolve("model.safetensors"));
            assertEquals(0, running.stop());
        }
        try (RunningUp again = RunningUp.start(args)) {
            assertEquals(written, Files.getLastModifiedTime(base.resolve("model.safetensors")), "reused, not re-initialised");
            assertEquals(0, again.stop());
        }
    }
}
