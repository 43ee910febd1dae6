package invthink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import invthink.eval.report.ReportWriter;
import invthink.eval.report.ResultsCsv;
import invthink.model.CausalLm;
import invthink.model.Devices;
import invthink.serve.OpenAiServer;
import invthink.teacher.InvThinkPrompt;
import invthink.tokenizer.TextTokenizer;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code invthink eval all} against {@code invthink serve}'s server on a tiny random-initialised model. */
class EvalBenchmarksTest {

    @TempDir
    Path dir;

    @Test
    void evalAllRunsEveryBenchmarkThroughTheServedModelIntoAReport() throws Exception {
        Path checkpoint = tinyCheckpoint();
        Path out = dir.resolve("report");
        StringWriter text = new StringWriter();
        try (TextTokenizer tok = TextTokenizer.load(checkpoint);
             CausalLm lm = CausalLm.load(checkpoint, Devices.resolve("cpu"));
             OpenAiServer server = new OpenAiServer(lm, tok, "tiny", "127.0.0.1", 0)) {
            CommandLine cli = Main.commandLine();
            cli.setOut(new PrintWriter(text));
            int rc = cli.execute("eval", "all", "--base-url", "http://127.0.0.1:" + server.port() + "/v1", "--model", "tiny",
                    "--data", resource("/eval-data").toString(), "--limit", "3", "--trials", "2", "--max-tokens", "8",
                    "--baseline", "zero-shot,safety-prompt", "--max-in-flight", "2", "--out", out.toString());
            assertEquals(0, rc, text.toString());
        }
        String md = Files.readString(out.resolve(ReportWriter.MARKDOWN));
        for (String benchmark : List.of("safetybench", "trident", "insider", "overrefusal")) {
            assertTrue(md.contains("## " + benchmark), benchmark);
            assertNotNull(ImageIO.read(out.resolve(benchmark + ".png").toFile()), benchmark + ".png decodes");
        }
        assertTrue(md.contains("| model | tiny |"));
        assertTrue(md.contains("| limit | 3 |"));

        List<List<String>> rows = Files.readAllLines(out.resolve(ReportWriter.CSV)).stream().skip(1)
                .map(l -> Arrays.asList(l.split(",", -1))).toList();
        Map<String, Integer> requests = rows.stream().filter(r -> !r.get(2).equals("overall"))
                .collect(Collectors.groupingBy(r -> r.get(0) + "/" + r.get(1),
                        Collectors.summingInt(r -> Integer.parseInt(r.get(3)) + Integer.parseInt(r.get(4)))));
        for (String baseline : List.of("zero-shot", "safety-prompt")) {
            assertEquals(3, requests.get("safetybench/" + baseline), "--limit 3 items");
            assertEquals(3, requests.get("trident/" + baseline));
            assertEquals(3, requests.get("overrefusal/" + baseline));
            assertEquals(4, requests.get("insider/" + baseline), "2 trials x 2 scenarios");
        }
        List<String> safetyZero = rows.stream().filter(r -> r.get(0).equals("safetybench") && r.get(1).equals("zero-shot")
                && r.get(2).equals("overall")).findFirst().orElseThrow();
        assertEquals("3", safetyZero.get(ResultsCsv.HEADER.indexOf("n")), "the served model answered every question");
        assertTrue(text.toString().contains("items/s"), text.toString());
        assertEquals(2 * (3 + 3 + 3 + 4), Files.readAllLines(out.resolve(ReportWriter.ITEMS)).size(), "one line per item");
    }

    /** A tiny random model whose tokenizer learned the benchmarks' own wording, so prompts fit its context. */
    private Path tinyCheckpoint() throws Exception {
        Path corpus = dir.resolve("corpus.txt");
        StringBuilder text = new StringBuilder(InvThinkPrompt.system(3)).append('\n');
        for (String r : List.of("/invthink/eval/insider/system.txt", "/invthink/eval/insider/blackmail-user.txt",
                "/invthink/eval/insider/lethal-user.txt", "/invthink/eval/overrefusal/prompts.csv")) {
            try (InputStream in = getClass().getResourceAsStream(r)) {
                text.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            }
        }
        Files.writeString(corpus, text.toString().repeat(3));
        Path checkpoint = dir.resolve("tiny");
        assertEquals(0, Main.commandLine().execute("model", "init", "--config", "tiny", "--corpus", corpus.toString(),
                "--vocab-size", "1500", "--out", checkpoint.toString()));
        return checkpoint;
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(EvalBenchmarksTest.class.getResource(name).toURI());
    }
}
