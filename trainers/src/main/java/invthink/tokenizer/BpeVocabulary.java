package invthink.tokenizer;

import java.util.List;

/**
 * A learned byte-level BPE: {@code tokens.get(id)} is the token with that id (ids 0..255 are
 * the bytes), {@code merges} in rank order (the first merge applies first), then the special
 * tokens, whose ids follow the learned tokens contiguously.
 */
public record BpeVocabulary(List<String> tokens, List<Merge> merges, List<String> specialTokens) {

    /** One merge rule: the adjacent pair {@code left right} becomes {@code left + right}. */
    public record Merge(String left, String right) {}

    public BpeVocabulary {
        tokens = List.copyOf(tokens);
        merges = List.copyOf(merges);
        specialTokens = List.copyOf(specialTokens);
    }

    /** Id of the first special token. */
    public int firstSpecialId() {
        return tokens.size();
    }

    /** Learned tokens plus special tokens. */
    public int size() {
        return tokens.size() + specialTokens.size();
    }
}
