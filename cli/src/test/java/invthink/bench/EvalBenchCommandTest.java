package invthink.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import invthink.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The eval harness benchmark reports one JSON object with every bundled benchmark measured. */
class EvalBenchCommandTest {

    @Test
    void jsonHasTheRateTheBoundAndOneRunPerBundledBenchmark(@TempDir Path noData) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        assertEquals(0, cli.execute("bench", "eval", "--limit", "2", "--latency-ms", "5", "--max-in-flight", "4",
                "--data", noData.toString(), "--json"), out + "\n" + err);
        JsonNode r = new ObjectMapper().readTree(out.toString());
        assertEquals(4 * 1000.0 / 5, r.get("bound_items_per_s").asDouble(), 1e-9);
        assertTrue(r.get("items_per_s").asDouble() > 0, r::toString);
        assertEquals(r.get("items_per_s").asDouble() / r.get("bound_items_per_s").asDouble(), r.get("ratio").asDouble(), 1e-3);
        // No data folder: the two bundled benchmarks (insider threat, over-refusal) only.
        assertEquals(2, r.get("runs").size(), r::toString);
        long perRun = 0;
        for (JsonNode run : r.get("runs")) {
            perRun += run.get("records").asLong();
        }
        assertEquals(r.get("requests").asLong(), perRun, "the total is the sum of the runs");
        assertTrue(perRun >= 2 * 4, "at least the limit for each of the four baselines");
    }
}
