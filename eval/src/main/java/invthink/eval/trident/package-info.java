/**
 * TRIDENT: professional-ethics prompts of finance, law and medicine, answered by the model and
 * graded 1..5 for harmfulness by the configured judge; mean harmfulness, the share of clearly
 * harmful answers and the safety score per domain.
 */
package invthink.eval.trident;
