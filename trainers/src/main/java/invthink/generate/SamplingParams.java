package invthink.generate;

import java.util.List;

/**
 * How to sample: {@code temperature} 0 means greedy; {@code topK} 0 and {@code topP} 1 mean
 * no filtering. Log-probabilities are of {@code logits / temperature} before filtering
 * (temperature 1 when greedy), as TRL computes them for GRPO.
 */
public record SamplingParams(int maxNewTokens, double temperature, int topK, double topP,
                             List<Integer> stopTokenIds, List<String> stopStrings, long seed) {

    public SamplingParams {
        if (maxNewTokens < 1) throw new IllegalArgumentException("max new tokens must be at least 1");
        if (temperature < 0) throw new IllegalArgumentException("temperature must be >= 0");
        if (topP <= 0 || topP > 1) throw new IllegalArgumentException("top_p must be in (0, 1]");
        if (topK < 0) throw new IllegalArgumentException("top_k must be >= 0");
        stopTokenIds = List.copyOf(stopTokenIds);
        stopStrings = List.copyOf(stopStrings);
    }

    public static SamplingParams greedy(int maxNewTokens) {
        return new SamplingParams(maxNewTokens, 0, 0, 1, List.of(), List.of(), 0);
    }

    public boolean isGreedy() {
        return temperature == 0;
    }

    public SamplingParams withStopTokens(List<Integer> ids) {
        return new SamplingParams(maxNewTokens, temperature, topK, topP, ids, stopStrings, seed);
    }

    public SamplingParams withStopStrings(List<String> stops) {
        return new SamplingParams(maxNewTokens, temperature, topK, topP, stopTokenIds, stops, seed);
    }
}
