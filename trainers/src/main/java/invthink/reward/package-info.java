/**
 * GRPO reward functions in TRL's shape: each scores a completion or gives no value (then it is
 * left out of that completion's total), a weighted list sums them, and per-function means and
 * standard deviations are kept for the training metrics. Safety comes from a {@code Judge},
 * format from the InvThink trace validator, length from DAPO's soft overlong penalty.
 */
package invthink.reward;
