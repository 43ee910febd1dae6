/**
 * The causal language model: a Llama/Qwen2-family decoder (RMSNorm, rotary positions,
 * grouped-query attention with optional q/k/v biases, SwiGLU, optional tied embeddings)
 * written as DJL array operations over weights named as Hugging Face names them, with a
 * key/value cache for generation and block-diagonal masks for packed sequences.
 */
package invthink.model;
