package invthink.grpo;

import java.util.Locale;

/** What divides the centred rewards: the group's std, the whole batch's std, or nothing (Dr. GRPO). */
public enum ScaleRewards {
    GROUP, BATCH, NONE;

    public static ScaleRewards parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown value '" + s + "'; expected one of: group, batch, none");
        }
    }
}
