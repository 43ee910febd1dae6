/**
 * Training on the topics: a decoder-only causal language model on DJL, SFT on inverse traces,
 * GRPO on rollout groups, and checkpoints in Hugging Face format.
 */
package invthink.train;
