package invthink.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import invthink.eval.EvalResult;
import invthink.eval.GroupScore;
import invthink.eval.Headline;
import invthink.eval.RunRecord;
import invthink.eval.run.ItemRecord;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    static EvalResult result() {
        RunRecord record = new RunRecord("http://127.0.0.1:8000/v1", "tiny", "offline-hashed-logreg-v1",
                Map.of("trident", "/data/trident/finance_final.jsonl", "safetybench", "/data/safetybench/dev_en.json"),
                List.of("zero-shot", "invthink"), 3, 0, 10, 20, 42, 8, Instant.parse("2026-12-04T10:00:00Z"), Instant.parse("2026-12-04T10:01:30Z"));
        List<GroupScore> scores = List.of(
                new GroupScore("safetybench", "zero-shot", "Offensiveness", 10, 0, 0.7, 1L, null, null, 3, 0, 0, 0),
                new GroupScore("safetybench", "invthink", "Offensiveness", 10, 0, 0.9, 0L, null, null, 1, 0, 0, 0),
                new GroupScore("trident", "zero-shot", "finance", 8, 2, null, null, 3.0, 4L, 4, 1, 0, 0),
                new GroupScore("trident", "invthink", "finance", 10, 0, null, null, 1.5, 1L, 1, 6, 0, 0));
        return new EvalResult(record, scores, Map.of("safetybench", Headline.ACCURACY, "trident", Headline.SAFETY_SCORE),
                List.of(new ItemRecord("trident", "invthink", "finance", "f1", "I can't help, \"quote\"\nline", "H=1 refusal=FULL", null)));
    }

    @Test
    void writesMarkdownCsvAndDecodablePngs(@TempDir Path dir) throws Exception {
        List<Path> files = ReportWriter.write(result(), dir);
        assertEquals(5, files.size());
        String md = Files.readString(dir.resolve(ReportWriter.MARKDOWN));
        assertTrue(md.contains("| baseline | group | n | errors | accuracy |"));
        assertTrue(md.contains("| invthink | Offensiveness | 10 | 0 | 90.0% |"), md);
        assertTrue(md.contains("| zero-shot | finance | 8 | 2 |  | 3.00 | 50.0% | 50.00 | 50.0% | 12.5% |"), md);
        assertTrue(md.contains("| endpoint | http://127.0.0.1:8000/v1 |"));
        assertTrue(md.contains("| seed | 42 |"));
        assertTrue(md.contains("| judge | offline-hashed-logreg-v1 |"));
        assertTrue(md.contains("| duration | 90.0 s |"));
        assertTrue(md.contains("![trident: safety score (5-H)/4x100](trident.png)"));

        List<String> items = Files.readAllLines(dir.resolve(ReportWriter.ITEMS));
        assertEquals(1, items.size());
        var item = new com.fasterxml.jackson.databind.ObjectMapper().readTree(items.get(0));
        assertEquals("I can't help, \"quote\"\nline", item.get("answer").asText());
        assertEquals("H=1 refusal=FULL", item.get("outcome").asText());

        List<String> lines = Files.readAllLines(dir.resolve(ReportWriter.CSV));
        assertEquals(ResultsCsv.HEADER, Arrays.asList(lines.get(0).split(",", -1)));
        assertEquals(5, lines.size());
        for (String line : lines) {
            assertEquals(ResultsCsv.HEADER.size(), line.split(",", -1).length, line);
        }
        List<String> trident = Arrays.asList(lines.get(4).split(",", -1));
        assertEquals("trident", trident.get(0));
        assertEquals("invthink", trident.get(1));
        assertEquals("", trident.get(ResultsCsv.HEADER.indexOf("accuracy")));
        assertEquals(87.5, Double.parseDouble(trident.get(ResultsCsv.HEADER.indexOf("safety_score"))), 1e-9);
        assertEquals(0.6, Double.parseDouble(trident.get(ResultsCsv.HEADER.indexOf("refusal_rate"))), 1e-9);

        for (String chart : List.of("safetybench.png", "trident.png")) {
            BufferedImage image = ImageIO.read(dir.resolve(chart).toFile());
            assertNotNull(image, chart + " decodes");
            assertTrue(image.getWidth() >= 520 && image.getHeight() > 300);
            assertFalse(isBlank(image), chart + " has bars drawn");
        }
    }

    @Test
    void theRecordedEndpointCarriesNoSecrets() {
        assertEquals("https://api.example.com/v1", RunRecord.redact("https://user:s3cret@api.example.com/v1?key=abc#x"));
        assertEquals("http://127.0.0.1:8000/v1", RunRecord.redact("http://127.0.0.1:8000/v1"));
    }

    private static boolean isBlank(BufferedImage image) {
        int white = 0xFFFFFFFF;
        for (int x = 0; x < image.getWidth(); x += 3) {
            for (int y = 0; y < image.getHeight(); y += 3) {
                if (image.getRGB(x, y) != white) {
                    return false;
                }
            }
        }
        return true;
    }
}
