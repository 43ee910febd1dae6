package invthink.reward;

import invthink.trace.TraceValidator;
import java.util.OptionalDouble;

/** 1 when the completion is a valid InvThink structure (trace, then answer), else 0. */
public final class FormatReward implements RewardFunction {

    private final TraceValidator validator;

    public FormatReward(TraceValidator validator) {
        this.validator = validator;
    }

    @Override
    public String name() {
        return "format";
    }

    @Override
    public OptionalDouble score(Sample sample) {
        return OptionalDouble.of(validator.validate(sample.completion()).ok() ? 1.0 : 0.0);
    }
}
