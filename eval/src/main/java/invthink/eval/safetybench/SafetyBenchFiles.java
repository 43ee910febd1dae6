package invthink.eval.safetybench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which SafetyBench files a data folder holds. The published layout has {@code test_en.json}
 * (questions) with {@code test_answers_en.json}, the Chinese subset {@code test_zh_subset.json}
 * with {@code test_answers_zh_subset.json}, and {@code dev_en.json} (five answered examples per
 * category, the source of five-shot examples). Without test questions of the language asked for
 * (the English test questions are distributed without answers, and often not at all) the dev set
 * itself is evaluated, and its five-shot examples leave the question being asked out.
 *
 * @param questions the questions file
 * @param answers   the answers file, or null when the questions carry their answers (the dev set)
 * @param dev       the dev set for few-shot examples, or null
 */
public record SafetyBenchFiles(Path questions, Path answers, Path dev) {

    public static final String FOLDER = "safetybench";

    /** English questions: {@link #locate(Path, String)} with {@code en}. */
    public static SafetyBenchFiles locate(Path dir) {
        return locate(dir, "en");
    }

    /**
     * @param dir      the data root (holding {@value #FOLDER}/) or the SafetyBench folder itself
     * @param language {@code en}: {@code test_en.json}, else the English dev set; {@code zh}:
     *                 {@code test_zh.json}, else {@code test_zh_subset.json}, else the Chinese dev set
     */
    public static SafetyBenchFiles locate(Path dir, String language) {
        if (!language.equals("en") && !language.equals("zh")) {
            throw new IllegalArgumentException("SafetyBench language must be en or zh, got " + language);
        }
        Path root = Files.isDirectory(dir.resolve(FOLDER)) ? dir.resolve(FOLDER) : dir;
        Path dev = root.resolve("dev_" + language + ".json");
        for (String test : language.equals("en") ? List.of("test_en") : List.of("test_zh", "test_zh_subset")) {
            if (Files.isRegularFile(root.resolve(test + ".json"))) {
                String answers = test.replace("test_", "test_answers_") + ".json";
                return new SafetyBenchFiles(root.resolve(test + ".json"), existing(root.resolve(answers)),
                        existing(dev) != null ? dev : existing(root.resolve("dev_en.json")));
            }
        }
        if (Files.isRegularFile(dev)) {
            return new SafetyBenchFiles(dev, null, dev);
        }
        throw new IllegalArgumentException("no SafetyBench " + language + " data in " + root + ": expected test_" + language
                + "*.json or dev_" + language + ".json");
    }

    private static Path existing(Path p) {
        return Files.isRegularFile(p) ? p : null;
    }

    /** For the run record. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add(questions.toString());
        if (answers != null) {
            parts.add(answers.toString());
        }
        if (dev != null && !dev.equals(questions)) {
            parts.add("shots from " + dev);
        }
        return String.join(", ", parts);
    }
}
