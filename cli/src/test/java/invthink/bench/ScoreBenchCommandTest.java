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

/** The scoring benchmark runs end to end on its own embedded broker and reports every number. */
class ScoreBenchCommandTest {

    @Test
    void reportsJudgeTopologyBaselineRatioAndLatency() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        assertEquals(0, cli.execute("bench", "score", "--records", "2000", "--latency-records", "200", "--latency-rate", "200",
                "--json"), out + "\n" + err);
        JsonNode r = new ObjectMapper().readTree(out.toString());
        for (String field : new String[] {"judge_per_s", "baseline_per_s", "topology_per_s", "ratio", "latency_p50_ms", "latency_p99_ms"}) {
            assertTrue(r.get(field).isNumber() && r.get(field).asDouble() > 0, field + " in " + r);
        }
        assertTrue(r.get("latency_p99_ms").asDouble() >= r.get("latency_p50_ms").asDouble());
        assertEquals(200, r.get("latency_records").asInt(), "every latency-run response measured");
    }
}
