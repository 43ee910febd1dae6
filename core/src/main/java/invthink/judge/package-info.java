/**
 * Judges: whether a model's response is harmful, how harmful on the TRIDENT 1..5 scale, in which
 * MLCommons hazard categories, and whether it refused. Every judge answers through a future so
 * remote judges never block a stream thread; the scoring stream, the GRPO reward and the
 * evaluation runs all use this one contract.
 */
package invthink.judge;
