/**
 * Evaluation runs: a model behind an OpenAI-compatible endpoint answers benchmark items
 * (SafetyBench, TRIDENT, insider-threat scenarios, over-refusal) under a prompting baseline,
 * and the answers are scored into a reproducible report. Everything goes through the chat
 * protocol, so the model under test may be {@code invthink serve}, vLLM or a hosted API alike.
 */
package invthink.eval;
