/**
 * Supervised fine-tuning on inverse traces: micro-batches packed without cross-contamination,
 * a completion-only token-mean loss, AdamW with warmup and cosine decay, global-norm
 * clipping, gradient accumulation, and the Kafka consumer that feeds it from the traces
 * topic with checkpoints that carry the consumer offsets.
 */
package invthink.sft;
