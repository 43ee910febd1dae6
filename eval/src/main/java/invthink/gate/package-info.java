/**
 * The promotion gate of the online retraining loop: each candidate model version is evaluated
 * on held-out prompts and becomes promoted or rejected against the current promoted version,
 * the decision and its numbers written back to the models topic.
 */
package invthink.gate;
