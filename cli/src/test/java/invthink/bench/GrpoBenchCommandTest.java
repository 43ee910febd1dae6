package invthink.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import invthink.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The GRPO benchmark runs its loop on a tiny model and reports a consistent time split. */
class GrpoBenchCommandTest {

    @Test
    void reportsTheTimeSplitTokensAndUpdates() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("bench", "grpo", "--config", "tiny", "--vocab", "256", "--prompt-length", "8",
                "--max-completion-length", "8", "--updates", "2", "--json"), out.toString());

        JsonNode r = new ObjectMapper().readTree(out.toString());
        double shares = r.get("gen_share").asDouble() + r.get("reward_share").asDouble() + r.get("update_share").asDouble();
        assertEquals(1.0, shares, 1e-3, r.toString());
        assertTrue(r.get("gen_share").asDouble() > 0, r.toString());
        assertTrue(r.get("completion_tokens_per_s").asDouble() > 0, r.toString());
        assertTrue(r.get("updates_per_min").asDouble() > 0, r.toString());
        assertEquals(2, r.get("updates").asInt());
        assertTrue(r.get("updates_with_signal").asInt() >= 1, "the diversity reward varies within a group: " + r);
    }

    @Test
    void trainCommandsAreRegistered() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("train", "grpo", "--help"));
        assertTrue(out.toString().contains("--max-staleness") && out.toString().contains("--loss-type"), out.toString());
        assertEquals(0, cli.execute("train", "grpo-worker", "--help"));
        assertTrue(out.toString().contains("--reward-funcs") && out.toString().contains("--with-trace"), out.toString());
        assertEquals(2, cli.execute("train", "grpo", "--loss-type", "nope", "--max-steps", "x"));
    }
}
