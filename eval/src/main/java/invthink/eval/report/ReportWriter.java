package invthink.eval.report;

import invthink.eval.EvalResult;
import invthink.eval.GroupScore;
import com.fasterxml.jackson.databind.ObjectMapper;
import invthink.eval.Headline;
import invthink.eval.run.ItemRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@value #MARKDOWN}, {@value #CSV}, {@value #ITEMS} (one JSON line per item: the answer that
 * was scored and its outcome) and one {@code <benchmark>.png} chart per benchmark into a folder.
 */
public final class ReportWriter {

    public static final String MARKDOWN = "report.md";
    public static final String CSV = "results.csv";
    public static final String ITEMS = "items.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportWriter() {
    }

    /** @return the files written */
    public static List<Path> write(EvalResult result, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, String> charts = new LinkedHashMap<>();
        for (Map.Entry<String, Headline> e : result.headlines().entrySet()) {
            List<GroupScore> scores = result.scores().stream().filter(s -> s.benchmark().equals(e.getKey())).toList();
            if (!scores.isEmpty()) {
                String file = e.getKey() + ".png";
                BarChart.write(e.getKey(), e.getValue(), scores, dir.resolve(file));
                charts.put(e.getKey(), file);
            }
        }
        Path md = dir.resolve(MARKDOWN);
        Path csv = dir.resolve(CSV);
        Files.writeString(md, MarkdownReport.render(result, charts), StandardCharsets.UTF_8);
        Files.writeString(csv, ResultsCsv.render(result.scores()), StandardCharsets.UTF_8);
        Path items = dir.resolve(ITEMS);
        try (BufferedWriter w = Files.newBufferedWriter(items, StandardCharsets.UTF_8)) {
            for (ItemRecord item : result.items()) {
                w.write(JSON.writeValueAsString(item));
                w.newLine();
            }
        }
        List<Path> written = new java.util.ArrayList<>(List.of(md, csv, items));
        charts.values().forEach(f -> written.add(dir.resolve(f)));
        return written;
    }
}
