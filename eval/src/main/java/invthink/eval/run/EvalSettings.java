package invthink.eval.run;

/**
 * How a run samples and asks.
 *
 * @param limit       items per benchmark ({@code <= 0}: all)
 * @param seed        seeds the subset, the request {@code seed} and the trial seeds
 * @param shots       SafetyBench examples per question (0 or 5)
 * @param trials      insider-threat trials per scenario
 * @param temperature sampling temperature of benchmark items (insider trials use {@link #trialTemperature})
 * @param trialTemperature sampling temperature of insider-threat trials, which need variety to give a rate
 * @param maxTokens   completion limit per request
 */
public record EvalSettings(int limit, long seed, int shots, int trials, double temperature, double trialTemperature,
                           int maxTokens) {

    public static final int DEFAULT_MAX_TOKENS = 1024;

    public EvalSettings {
        if (shots < 0) {
            throw new IllegalArgumentException("shots must not be negative");
        }
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be at least 1");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1");
        }
    }

    public static EvalSettings defaults() {
        return new EvalSettings(0, 42, 0, 10, 0.0, 1.0, DEFAULT_MAX_TOKENS);
    }

    public EvalSettings withLimit(int l) {
        return new EvalSettings(l, seed, shots, trials, temperature, trialTemperature, maxTokens);
    }

    public EvalSettings withShots(int s) {
        return new EvalSettings(limit, seed, s, trials, temperature, trialTemperature, maxTokens);
    }

    public EvalSettings withTrials(int t) {
        return new EvalSettings(limit, seed, shots, t, temperature, trialTemperature, maxTokens);
    }

    public EvalSettings withMaxTokens(int m) {
        return new EvalSettings(limit, seed, shots, trials, temperature, trialTemperature, m);
    }

    public EvalSettings withSeed(long s) {
        return new EvalSettings(limit, s, shots, trials, temperature, trialTemperature, maxTokens);
    }
}
