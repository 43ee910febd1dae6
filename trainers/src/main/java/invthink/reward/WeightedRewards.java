package invthink.reward;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A weighted list of reward functions. A completion's total is the weighted sum of the values
 * it has (TRL's nansum); a function without a value for it contributes nothing.
 */
public final class WeightedRewards {

    /** One function and its weight. */
    public record Term(RewardFunction function, double weight) {}

    /** Each function's value by name (null: no value) and the weighted total. */
    public record Scored(Map<String, Double> values, double total) {}

    private final List<Term> terms;

    public WeightedRewards(List<Term> terms) {
        if (terms.isEmpty()) throw new IllegalArgumentException("at least one reward function is needed");
        this.terms = List.copyOf(terms);
    }

    public List<String> names() {
        return terms.stream().map(t -> t.function().name()).toList();
    }

    public Scored score(Sample sample) {
        Map<String, Double> values = new LinkedHashMap<>();
        double total = 0;
        for (Term t : terms) {
            OptionalDouble v = t.function().score(sample);
            values.put(t.function().name(), v.isPresent() ? v.getAsDouble() : null);
            if (v.isPresent()) total += t.weight() * v.getAsDouble();
        }
        return new Scored(values, total);
    }

    public List<Scored> score(List<Sample> samples) {
        List<Scored> out = new ArrayList<>(samples.size());
        for (Sample s : samples) out.add(score(s));
        return out;
    }
}
