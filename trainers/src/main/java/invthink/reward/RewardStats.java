package invthink.reward;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per-function mean and (unbiased) standard deviation over the completions that have a value. */
public record RewardStats(double mean, double std, int count) {

    public static RewardStats of(List<Double> values) {
        List<Double> present = values.stream().filter(v -> v != null && !v.isNaN()).toList();
        int n = present.size();
        if (n == 0) return new RewardStats(Double.NaN, Double.NaN, 0);
        double mean = present.stream().mapToDouble(Double::doubleValue).sum() / n;
        double ss = present.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        return new RewardStats(mean, n > 1 ? Math.sqrt(ss / (n - 1)) : 0.0, n);
    }

    /** Stats of every function across {@code scored}, by function name. */
    public static Map<String, RewardStats> byFunction(List<WeightedRewards.Scored> scored) {
        Map<String, List<Double>> columns = new LinkedHashMap<>();
        for (WeightedRewards.Scored s : scored) {
            s.values().forEach((name, v) -> columns.computeIfAbsent(name, k -> new ArrayList<>()).add(v));
        }
        Map<String, RewardStats> out = new LinkedHashMap<>();
        columns.forEach((name, vs) -> out.put(name, of(vs)));
        return out;
    }
}
