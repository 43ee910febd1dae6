package invthink.reward;

import java.util.OptionalDouble;

/**
 * DAPO's soft overlong punishment: 0 up to {@code maxTokens - buffer}, then falling linearly to
 * −1 at {@code maxTokens}, and −1 beyond (a truncated answer is the worst case).
 */
public final class LengthPenalty implements RewardFunction {

    private final int maxTokens;
    private final int buffer;

    public LengthPenalty(int maxTokens, int buffer) {
        if (buffer < 1 || buffer > maxTokens) throw new IllegalArgumentException("buffer must be in 1.." + maxTokens);
        this.maxTokens = maxTokens;
        this.buffer = buffer;
    }

    @Override
    public String name() {
        return "length";
    }

    @Override
    public OptionalDouble score(Sample sample) {
        int n = sample.completionTokenIds().length;
        if (n <= maxTokens - buffer) return OptionalDouble.of(0);
        if (n <= maxTokens) return OptionalDouble.of((double) (maxTokens - buffer - n) / buffer);
        return OptionalDouble.of(-1);
    }
}
