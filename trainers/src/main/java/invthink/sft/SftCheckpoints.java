package invthink.sft;

import invthink.checkpoint.ModelDirectory;
import invthink.model.CausalLm;
import invthink.tokenizer.TextTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code OUTPUT/checkpoint-000120/}: a Hugging Face model directory plus
 * {@code optimizer.safetensors} and {@code trainer_state.json}. Written under a temporary
 * name and renamed, so a kill mid-write leaves the previous checkpoint the newest complete one.
 */
public final class SftCheckpoints {

    static final String PREFIX = "checkpoint-";
    public static final String OPTIMIZER_FILE = "optimizer.safetensors";
    private static final String PARTIAL = ".partial";

    private SftCheckpoints() {}

    public static Optional<Path> latest(Path outputDir) {
        if (!Files.isDirectory(outputDir)) return Optional.empty();
        try (Stream<Path> s = Files.list(outputDir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(PREFIX))
                    .filter(p -> !p.getFileName().toString().endsWith(PARTIAL))
                    .filter(p -> Files.isRegularFile(p.resolve(TrainerState.FILE_NAME)))
                    .max(Comparator.comparingLong(SftCheckpoints::stepOf));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long stepOf(Path dir) {
        String name = dir.getFileName().toString();
        return Long.parseLong(name.substring(PREFIX.length()));
    }

    public static Path save(Path outputDir, CausalLm model, TextTokenizer tokenizer, AdamW optimizer, TrainerState state,
                     int keep) throws IOException {
        String name = String.format("%s%06d", PREFIX, state.globalStep());
        Path partial = outputDir.resolve(name + PARTIAL);
        Path done = outputDir.resolve(name);
        deleteTree(partial);
        ModelDirectory.write(partial, model, tokenizer);
        optimizer.save(partial.resolve(OPTIMIZER_FILE));
        state.write(partial);
        deleteTree(done);
        Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE);
        prune(outputDir, keep);
        return done;
    }

    private static void prune(Path outputDir, int keep) throws IOException {
        if (keep <= 0) return;
        List<Path> all;
        try (Stream<Path> s = Files.list(outputDir)) {
            all = s.filter(p -> p.getFileName().toString().startsWith(PREFIX) && !p.getFileName().toString().endsWith(PARTIAL))
                    .sorted(Comparator.comparingLong(SftCheckpoints::stepOf)).toList();
        }
        for (int i = 0; i < all.size() - keep; i++) deleteTree(all.get(i));
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
