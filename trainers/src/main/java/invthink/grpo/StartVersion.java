package invthink.grpo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The published version a model directory was copied from (GRPO's start): the learner names it
 * as the parent of its first version, and a worker labels the groups it samples from it with it,
 * so staleness and lineage count from the SFT version GRPO began at.
 */
public final class StartVersion {

    public static final String FILE_NAME = "invthink_version.txt";

    private StartVersion() {}

    public static void write(Path modelDir, String versionId) throws IOException {
        Files.writeString(modelDir.resolve(FILE_NAME), versionId + "\n", StandardCharsets.UTF_8);
    }

    public static Optional<String> read(Path modelDir) {
        Path file = modelDir == null ? null : modelDir.resolve(FILE_NAME);
        if (file == null || !Files.isRegularFile(file)) return Optional.empty();
        try {
            String id = Files.readString(file, StandardCharsets.UTF_8).strip();
            return id.isEmpty() ? Optional.empty() : Optional.of(id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
