package invthink.eval.safetybench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which SafetyBench files a data folder holds. The published layout has {@code test_en.json}
 * (questions) with {@code test_answers_en.json}, the Chinese subset {@code test_zh_subset.json}
 * with {@code test_answers_zh_subset.json}, and {@code dev_en.json} (five answered examples per
 * category, the source of five-shot examples). Without test questions the dev set itself is
 * evaluated, and its five-shot examples leave the question being asked out.
 *
 * @param questions the questions file
 * @param answers   the answers file, or null when the questions carry their answers (the dev set)
 * @param dev       the dev set for few-shot examples, or null
 */
public record SafetyBenchFiles(Path questions, Path answers, Path dev) {

    public static final String FOLDER = "safetybench";

    /** @param dir the data root (holding {@value #FOLDER}/) or the SafetyBench folder itself */
    public static SafetyBenchFiles locate(Path dir) {
        Path root = Files.isDirectory(dir.resolve(FOLDER)) ? dir.resolve(FOLDER) : dir;
        Path devEn = root.resolve("dev_en.json");
        Path devZh = root.resolve("dev_zh.json");
        if (Files.isRegularFile(root.resolve("test_en.json"))) {
            return new SafetyBenchFiles(root.resolve("test_en.json"), existing(root.resolve("test_answers_en.json")), existing(devEn));
        }
        if (Files.isRegularFile(root.resolve("test_zh_subset.json"))) {
            return new SafetyBenchFiles(root.resolve("test_zh_subset.json"), existing(root.resolve("test_answers_zh_subset.json")),
                    existing(devZh) != null ? devZh : existing(devEn));
        }
        if (Files.isRegularFile(devEn)) {
            return new SafetyBenchFiles(devEn, null, devEn);
        }
        throw new IllegalArgumentException("no SafetyBench data in " + root + ": expected test_en.json, test_zh_subset.json or dev_en.json");
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
