/**
 * Text generation from the causal LM: batched prompts (left-padded), a key/value cache,
 * temperature, top-k and top-p sampling by the Gumbel-max trick (DJL has no multinomial),
 * stop tokens and stop strings, per-sequence finish, and the log-probability of every
 * sampled token (GRPO needs them).
 */
package invthink.generate;
