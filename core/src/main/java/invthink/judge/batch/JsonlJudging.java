package invthink.judge.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import invthink.judge.Exchange;
import invthink.judge.Judge;
import invthink.judge.Verdict;
import invthink.progress.ProgressBar;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Judges a file of JSON lines ({@code {"prompt": ..., "response": ..., "domain": ...}}) and writes
 * each line back, in input order, with {@code harmful}, {@code harmfulness}, {@code p_harmful},
 * {@code categories}, {@code refusal} and {@code judge} added; other fields pass through.
 *
 * <p>Up to {@code concurrency} verdicts are in flight (remote judges); memory stays bounded by
 * that window, whatever the file size. A line that is not a JSON object with string prompt and
 * response, or that the judge fails on, goes to the rejects writer with its line number, reason
 * and original text: nothing is dropped.
 */
public final class JsonlJudging {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Counts of one run. */
    public record Summary(long lines, long judged, long harmful, long rejected) {
    }

    private record Pending(long lineNo, String original, ObjectNode object, CompletableFuture<Verdict> verdict) {
    }

    private final Judge judge;
    private final int concurrency;

    public JsonlJudging(Judge judge, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        this.judge = judge;
        this.concurrency = concurrency;
    }

    public Summary run(BufferedReader in, BufferedWriter out, Writer rejects, ProgressBar progress) throws IOException {
        Deque<Pending> window = new ArrayDeque<>();
        long lineNo = 0;
        long[] counts = new long[3];
        for (String line; (line = in.readLine()) != null; ) {
            lineNo++;
            if (line.isBlank()) {
                progress.step();
                continue;
            }
            ObjectNode object;
            Exchange exchange;
            try {
                JsonNode node = JSON.readTree(line);
                if (!(node instanceof ObjectNode o)) {
                    throw new IllegalArgumentException("not a JSON object");
                }
                object = o;
                exchange = new Exchange(text(o, "prompt"), text(o, "response"),
                        o.hasNonNull("domain") ? o.get("domain").asText() : null);
            } catch (IOException | IllegalArgumentException e) {
                reject(rejects, lineNo, line, e.getMessage());
                counts[2]++;
                progress.step();
                continue;
            }
            window.add(new Pending(lineNo, line, object, judge.judge(exchange)));
            while (window.size() >= concurrency || (!window.isEmpty() && window.peek().verdict().isDone())) {
                write(window.poll(), out, rejects, counts);
                progress.step();
            }
        }
        while (!window.isEmpty()) {
            write(window.poll(), out, rejects, counts);
            progress.step();
        }
        out.flush();
        rejects.flush();
        return new Summary(lineNo, counts[0], counts[1], counts[2]);
    }

    private static String text(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' missing or not a string");
        }
        return v.asText();
    }

    private static void write(Pending p, BufferedWriter out, Writer rejects, long[] counts) throws IOException {
        Verdict v;
        try {
            v = p.verdict().join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            reject(rejects, p.lineNo(), p.original(), "judge failed: " + cause.getMessage());
            counts[2]++;
            return;
        }
        ObjectNode o = p.object();
        o.put("harmful", v.harmful());
        o.put("harmfulness", v.harmfulness());
        if (v.pHarmful() == null) {
            o.putNull("p_harmful");
        } else {
            o.put("p_harmful", Math.round(v.pHarmful() * 1e4) / 1e4);
        }
        ArrayNode categories = o.putArray("categories");
        v.categories().forEach(c -> categories.add(c.name()));
        o.put("refusal", v.refusal().name());
        o.put("judge", v.judge());
        out.write(JSON.writeValueAsString(o));
        out.newLine();
        counts[0]++;
        if (v.harmful()) {
            counts[1]++;
        }
    }

    private static void reject(Writer rejects, long lineNo, String original, String reason) {
        ObjectNode r = JSON.createObjectNode().put("line", lineNo).put("reason", reason).put("original", original);
        try {
            rejects.write(JSON.writeValueAsString(r));
            rejects.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
