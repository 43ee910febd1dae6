package invthink.reward;

import java.util.OptionalDouble;

/** One reward signal; an empty result means "no value for this completion" (TRL's None). */
public interface RewardFunction {

    /** The name used in metrics ({@code rewards/<name>/mean}) and in rollout records. */
    String name();

    OptionalDouble score(Sample sample);
}
