package invthink.grpo;

/**
 * Group-relative advantages {@code (r − mean_group) / (std + eps)}, with the unbiased standard
 * deviation as {@code torch.std} computes it and TRL's {@code eps = 1e-4}.
 */
public final class Advantages {

    public static final double EPS = 1e-4;

    private Advantages() {}

    /** @param rewards consecutive groups of {@code groupSize} totals */
    public static double[] compute(double[] rewards, int groupSize, ScaleRewards scale) {
        if (groupSize < 1 || rewards.length % groupSize != 0) {
            throw new IllegalArgumentException(rewards.length + " rewards do not split into groups of " + groupSize);
        }
        double[] out = new double[rewards.length];
        double batchStd = std(rewards, 0, rewards.length);
        for (int g = 0; g < rewards.length; g += groupSize) {
            double mean = mean(rewards, g, g + groupSize);
            double divisor = switch (scale) {
                case GROUP -> std(rewards, g, g + groupSize) + EPS;
                case BATCH -> batchStd + EPS;
                case NONE -> 1.0;
            };
            for (int i = g; i < g + groupSize; i++) out[i] = (rewards[i] - mean) / divisor;
        }
        return out;
    }

    /** True when every reward of the group is equal (TRL's {@code frac_reward_zero_std} counts these). */
    public static boolean zeroStd(double[] rewards, int from, int to) {
        for (int i = from + 1; i < to; i++) if (rewards[i] != rewards[from]) return false;
        return true;
    }

    static double mean(double[] a, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += a[i];
        return s / (to - from);
    }

    static double std(double[] a, int from, int to) {
        int n = to - from;
        if (n < 2) return 0;
        double m = mean(a, from, to);
        double ss = 0;
        for (int i = from; i < to; i++) ss += (a[i] - m) * (a[i] - m);
        return Math.sqrt(ss / (n - 1));
    }
}
