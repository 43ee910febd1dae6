package invthink.registry;

import java.util.Locale;

/** Confluent's compatibility levels, with the direction(s) each one checks. */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** New schema must read data written with the old one(s). */
    public boolean backward() {
        return backward;
    }

    /** Old schema(s) must read data written with the new one. */
    public boolean forward() {
        return forward;
    }

    /** Checked against every live version, not only the latest. */
    public boolean transitive() {
        return transitive;
    }

    /**
     * Parses a level name case-insensitively.
     *
     * @throws IllegalArgumentException naming the valid levels
     */
    public static CompatibilityLevel parse(String name) {
        if (name != null) {
            for (CompatibilityLevel level : values()) {
                if (level.name().equalsIgnoreCase(name.trim())) {
                    return level;
                }
            }
        }
        throw new IllegalArgumentException("Invalid compatibility level " + name + "; valid levels are "
                + java.util.Arrays.toString(values()).toUpperCase(Locale.ROOT));
    }
}
