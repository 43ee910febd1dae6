/**
 * Training on the topics: a decoder-only causal language model on DJL, SFT on inverse traces,
 * GRPO on rollout groups, and checkpoints in Hugging Face format. This package holds what the
 * trainers share in one JVM: {@link invthink.train.TrainingTurns}, the turn every update that
 * opens a gradient collector takes, and {@link invthink.train.BackgroundRun}, the run/stop/await
 * lifecycle of the SFT trainer, the GRPO learner and the rollout worker.
 */
package invthink.train;
