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

/** The benchmarks run end to end on their own embedded broker and report baseline and ours. */
class BenchCommandTest {

    @Test
    void serdeBenchmarkReportsBaselineAndOursWithRatios() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("bench", "serde", "--records", "3000", "--warmup", "200", "--json"), out.toString());

        JsonNode report = new ObjectMapper().readTree(out.toString());
        JsonNode runs = report.get("runs");
        assertEquals(4, runs.size());
        for (JsonNode run : runs) {
            assertEquals(3000, run.get("records").asLong(), run.toString());
            assertTrue(run.get("records_per_s").asDouble() > 0, run.toString());
        }
        assertTrue(runs.get(0).get("p99_ms").isNumber(), "producer runs measure latency");
        assertTrue(runs.get(2).get("p99_ms").isNull(), "consumer runs do not");
        assertTrue(report.get("produce_ratio").asDouble() > 0);
        assertTrue(report.get("consume_ratio").asDouble() > 0);
    }

    @Test
    void enrichBenchmarkReportsThroughputAgainstItsBound() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("bench", "enrich", "--records", "300", "--concurrency", "32", "--latency-ms", "50",
                "--offline-records", "300", "--warmup-seconds", "0", "--json"), out.toString());

        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertEquals(640.0, report.get("bound_records_per_s").asDouble(), 1e-9, "C / latency = 32 / 0.05 s");
        double rate = report.get("records_per_s").asDouble();
        assertTrue(rate > 0, report.toString());
        assertEquals(rate / 640.0, report.get("ratio").asDouble(), 1e-3);
        assertTrue(report.get("offline_records_per_s").asDouble() > 0, report.toString());
        assertEquals(300, report.get("runs").get(0).get("records").asLong());
    }

    @Test
    void dashboardBenchmarkDeliversEveryRecordToEveryLiveClient() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("bench", "dashboard", "--records", "400", "--clients", "2", "--rate", "0", "--json"),
                out.toString());

        JsonNode report = new ObjectMapper().readTree(out.toString());
        JsonNode runs = report.get("runs");
        assertEquals(2, runs.size());
        assertEquals("kafka consumer (baseline)", runs.get(0).get("name").asText());
        assertTrue(runs.get(1).get("name").asText().startsWith("dashboard SSE, 2 clients"));
        for (JsonNode run : runs) {
            assertEquals(400, run.get("records").asLong(), run.toString());
            assertTrue(run.get("p50_ms").asDouble() > 0, run.toString());
        }
        assertTrue(report.get("throughput_ratio").asDouble() > 0);
    }
}
