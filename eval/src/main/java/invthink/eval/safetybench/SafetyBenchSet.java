package invthink.eval.safetybench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads SafetyBench JSON: a test file is an array of {@code {id, category, question, options}},
 * its answer file an object {@code {"<id>": {category, answer}}}, and a dev file an object from
 * category to an array of {@code {question, options, answer}}. Questions the answer file does not
 * list are dropped: they cannot be scored.
 */
public final class SafetyBenchSet {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Question> questions;
    private final Map<String, List<Question>> dev;

    private SafetyBenchSet(List<Question> questions, Map<String, List<Question>> dev) {
        this.questions = List.copyOf(questions);
        this.dev = Map.copyOf(dev);
    }

    public static SafetyBenchSet load(SafetyBenchFiles files) {
        Map<String, List<Question>> dev = files.dev() == null ? Map.of() : readDev(files.dev());
        if (files.answers() == null) {
            List<Question> all = new ArrayList<>();
            (files.questions().equals(files.dev()) ? dev : readDev(files.questions())).values().forEach(all::addAll);
            return new SafetyBenchSet(all, dev);
        }
        JsonNode answers = read(files.answers());
        List<Question> scored = new ArrayList<>();
        for (Question q : readTest(files.questions())) {
            JsonNode a = answers.path(q.id()).path("answer");
            if (a.isInt()) {
                scored.add(q.withAnswer(a.asInt()));
            }
        }
        return new SafetyBenchSet(scored, dev);
    }

    public List<Question> questions() {
        return questions;
    }

    /** Up to {@code n} dev examples of {@code category}, never {@code asked} itself. */
    public List<Question> shots(String category, Question asked, int n) {
        return dev.getOrDefault(category, List.of()).stream()
                .filter(q -> !q.question().equals(asked.question()))
                .limit(n).toList();
    }

    static List<Question> readTest(Path file) {
        JsonNode root = read(file);
        if (!root.isArray()) {
            throw new IllegalArgumentException(file + ": expected a JSON array of questions");
        }
        List<Question> out = new ArrayList<>();
        for (JsonNode q : root) {
            out.add(question(file, q.path("id").asText(), q.path("category").asText(null), q, null));
        }
        return out;
    }

    static Map<String, List<Question>> readDev(Path file) {
        JsonNode root = read(file);
        if (!root.isObject()) {
            throw new IllegalArgumentException(file + ": expected a JSON object from category to questions");
        }
        Map<String, List<Question>> out = new LinkedHashMap<>();
        root.fields().forEachRemaining(e -> {
            List<Question> list = new ArrayList<>();
            int i = 0;
            for (JsonNode q : e.getValue()) {
                JsonNode a = q.path("answer");
                list.add(question(file, "dev-" + e.getKey() + "-" + i++, e.getKey(), q, a.isInt() ? a.asInt() : null));
            }
            out.put(e.getKey(), List.copyOf(list));
        });
        return out;
    }

    private static Question question(Path file, String id, String category, JsonNode q, Integer answer) {
        if (category == null || !q.path("question").isTextual() || !q.path("options").isArray()) {
            throw new IllegalArgumentException(file + ": question " + id + " lacks category, question or options");
        }
        List<String> options = new ArrayList<>();
        q.path("options").forEach(o -> options.add(o.asText()));
        return new Question(id, category, q.path("question").asText(), options, answer);
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SafetyBench file " + file + ": " + e.getMessage(), e);
        }
    }
}
