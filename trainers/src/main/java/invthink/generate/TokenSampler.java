package invthink.generate;

import java.util.Arrays;
import java.util.Random;

/**
 * Picks the next token from one row of logits: argmax when greedy; otherwise top-k and
 * top-p filtering of {@code logits / temperature}, then the Gumbel-max trick — the argmax
 * of {@code logit + Gumbel noise} is a sample from the softmax, with no multinomial needed.
 */
final class TokenSampler {

    private final SamplingParams params;
    private final Random random;

    TokenSampler(SamplingParams params) {
        this.params = params;
        this.random = new Random(params.seed());
    }

    /** The chosen token and its log-probability. */
    record Choice(int token, float logProb) {}

    Choice choose(float[] logits) {
        double t = params.isGreedy() ? 1.0 : params.temperature();
        double[] scaled = new double[logits.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < logits.length; i++) {
            scaled[i] = logits[i] / t;
            max = Math.max(max, scaled[i]);
        }
        double sum = 0;
        for (double s : scaled) sum += Math.exp(s - max);
        double logZ = max + Math.log(sum);
        int token = params.isGreedy() ? argmax(scaled) : sample(scaled, logZ);
        return new Choice(token, (float) (scaled[token] - logZ));
    }

    private int sample(double[] scaled, double logZ) {
        boolean[] keep = new boolean[scaled.length];
        Arrays.fill(keep, true);
        if (params.topK() > 0 && params.topK() < scaled.length) {
            double[] sorted = scaled.clone();
            Arrays.sort(sorted);
            double kth = sorted[sorted.length - params.topK()];
            for (int i = 0; i < scaled.length; i++) keep[i] = scaled[i] >= kth;
        }
        if (params.topP() < 1.0) {
            Integer[] order = new Integer[scaled.length];
            for (int i = 0; i < order.length; i++) order[i] = i;
            Arrays.sort(order, (a, b) -> Double.compare(scaled[b], scaled[a]));
            double mass = 0;
            double keptMass = 0;
            for (int i : order) if (keep[i]) keptMass += Math.exp(scaled[i] - logZ);
            boolean full = false;
            for (int i : order) {
                if (!keep[i]) continue;
                if (full) keep[i] = false;
                else {
                    mass += Math.exp(scaled[i] - logZ) / keptMass;
                    full = mass >= params.topP();
                }
            }
        }
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < scaled.length; i++) {
            if (!keep[i]) continue;
            double u = Math.max(random.nextDouble(), Double.MIN_VALUE);
            double score = scaled[i] - Math.log(-Math.log(u));
            if (score > bestScore) {
                bestScore = score;
                best = i;
            }
        }
        return best;
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }
}
