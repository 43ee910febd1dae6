package invthink.chat;

/**
 * One training sequence: token ids and, per token, whether the loss covers it (the
 * assistant's tokens only). {@code truncated} when the completion was cut to fit.
 */
public record EncodedExample(int[] ids, boolean[] lossMask, boolean truncated) {

    public int length() {
        return ids.length;
    }

    public int completionTokens() {
        int n = 0;
        for (boolean b : lossMask) if (b) n++;
        return n;
    }
}
