package invthink.gate;

import java.util.Objects;

/**
 * What a candidate is measured against: the current promoted version, or the base policy before
 * anything was promoted.
 *
 * @param id         the version id, or the base policy's name
 * @param evaluation its numbers on the held-out set
 */
public record Reference(String id, Evaluation evaluation) {
    public Reference {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(evaluation, "evaluation");
    }
}
