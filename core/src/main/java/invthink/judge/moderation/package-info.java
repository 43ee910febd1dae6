/**
 * The OpenAI moderation API as a judge, its categories mapped to S1..S14; its category scores give
 * the paper's GRPO reward.
 */
package invthink.judge.moderation;
