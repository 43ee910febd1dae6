package invthink.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link BpeVocabulary} as a Hugging Face {@code tokenizer.json}: BPE model,
 * {@code ByteLevel} pre-tokenizer and decoder (no prefix space, GPT-2 regex), and the special
 * tokens as added tokens that also sit in the vocabulary with their contiguous ids.
 */
public final class TokenizerJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenizerJson() {}

    public static void write(BpeVocabulary vocab, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(vocab)));
    }

    static ObjectNode toJson(BpeVocabulary vocab) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (int i = 0; i < vocab.specialTokens().size(); i++) {
            String token = vocab.specialTokens().get(i);
            ObjectNode t = added.addObject();
            t.put("id", vocab.firstSpecialId() + i);
            t.put("content", token);
            t.put("single_word", false);
            t.put("lstrip", false);
            t.put("rstrip", false);
            t.put("normalized", false);
            t.put("special", !SpecialTokens.TAGS.contains(token));
        }
        root.putNull("normalizer");
        root.set("pre_tokenizer", byteLevel(JSON.createObjectNode(), true));
        root.putNull("post_processor");
        root.set("decoder", byteLevel(JSON.createObjectNode(), true));
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("ignore_merges", false);
        ObjectNode v = model.putObject("vocab");
        for (int id = 0; id < vocab.tokens().size(); id++) v.put(vocab.tokens().get(id), id);
        for (int i = 0; i < vocab.specialTokens().size(); i++) v.put(vocab.specialTokens().get(i), vocab.firstSpecialId() + i);
        ArrayNode merges = model.putArray("merges");
        for (BpeVocabulary.Merge m : vocab.merges()) merges.addArray().add(m.left()).add(m.right());
        return root;
    }

    private static ObjectNode byteLevel(ObjectNode node, boolean useRegex) {
        node.put("type", "ByteLevel");
        node.put("add_prefix_space", false);
        node.put("trim_offsets", true);
        node.put("use_regex", useRegex);
        return node;
    }
}
