/**
 * Group Relative Policy Optimization as TRL computes it: group-relative advantages with
 * group, batch or no reward scaling; the PPO-clipped surrogate over completion tokens with
 * optional asymmetric clipping, a k3 KL penalty to a frozen reference, and the grpo, dapo,
 * dr_grpo and bnpo loss aggregations; and the learner step that turns rollouts into an
 * AdamW update, skipping updates that carry no signal. Around it, the Kafka stages: rollout
 * workers that publish groups, the learner that consumes them and publishes versions and
 * TRL-named metrics, and the start of GRPO from SFT's first version in {@code invthink up}.
 */
package invthink.grpo;
