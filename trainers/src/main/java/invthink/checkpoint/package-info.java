/**
 * Checkpoints in Hugging Face layout: safetensors weights under Hugging Face parameter names
 * (bf16 and fp16 widened to fp32 on load, fp32 on save), {@code config.json},
 * {@code generation_config.json} and {@code tokenizer.json}, plus the trainer's own state
 * (optimizer moments, step, consumer offsets) beside them.
 */
package invthink.checkpoint;
