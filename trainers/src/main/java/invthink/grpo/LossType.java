package invthink.grpo;

import java.util.Locale;

/**
 * How per-token losses become one number: {@code grpo} averages each sequence then the batch;
 * {@code bnpo} is the token mean of the batch; {@code dapo} the token mean over the whole
 * update (equal to bnpo when an update is one batch, as here); {@code dr_grpo} divides the
 * token sum by batch size × max completion length, so no length bias creeps in.
 */
public enum LossType {
    GRPO, DAPO, DR_GRPO, BNPO;

    public static LossType parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown value '" + s + "'; expected one of: grpo, dapo, dr_grpo, bnpo");
        }
    }
}
