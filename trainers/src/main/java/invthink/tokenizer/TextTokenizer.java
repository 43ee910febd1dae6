package invthink.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Hugging Face {@code tokenizer.json} (ours, Qwen's, Llama's) through DJL's native
 * tokenizers, with no truncation, padding or implicit special tokens: the chat template adds
 * every special token explicitly.
 */
public final class TextTokenizer implements AutoCloseable {

    public static final String FILE_NAME = "tokenizer.json";

    private final HuggingFaceTokenizer hf;
    private final Path file;

    private TextTokenizer(HuggingFaceTokenizer hf, Path file) {
        this.hf = hf;
        this.file = file;
    }

    /** Loads {@code tokenizer.json}, or the one inside a checkpoint directory. */
    public static TextTokenizer load(Path fileOrDir) {
        Path file = Files.isDirectory(fileOrDir) ? fileOrDir.resolve(FILE_NAME) : fileOrDir;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no tokenizer at " + file);
        }
        try {
            HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(file, Map.of(
                    "addSpecialTokens", "false",
                    "truncation", "false",
                    "padding", "false",
                    "modelMaxLength", String.valueOf(Integer.MAX_VALUE)));
            return new TextTokenizer(hf, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load tokenizer " + file, e);
        }
    }

    public int[] encode(String text) {
        long[] ids = hf.encode(text, false, false).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) out[i] = Math.toIntExact(ids[i]);
        return out;
    }

    /** Text of {@code ids}; control tokens (chat roles, end of text) are dropped when {@code skipSpecial}. */
    public String decode(int[] ids, boolean skipSpecial) {
        long[] longs = new long[ids.length];
        for (int i = 0; i < ids.length; i++) longs[i] = ids[i];
        return hf.decode(longs, skipSpecial);
    }

    /** Id of a token that encodes to exactly one id (special tokens do). */
    public int tokenId(String token) {
        int[] ids = encode(token);
        if (ids.length != 1) {
            throw new IllegalArgumentException("token " + token + " is not a single token in " + file);
        }
        return ids[0];
    }

    /** One more than the largest id the tokenizer can produce (learned vocabulary and added tokens). */
    public int vocabularySize() {
        try {
            com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
            int max = -1;
            for (com.fasterxml.jackson.databind.JsonNode id : root.path("model").path("vocab")) max = Math.max(max, id.asInt());
            for (com.fasterxml.jackson.databind.JsonNode t : root.path("added_tokens")) max = Math.max(max, t.path("id").asInt());
            return max + 1;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Where the tokenizer was loaded from, for copying into checkpoints. */
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        hf.close();
    }
}
