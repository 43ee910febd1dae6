/**
 * The prompting baselines every benchmark runs under (zero-shot, chain of thought, a safety system
 * prompt, InvThink prompting with K harm routes): how each turns a benchmark task into chat
 * messages, and which part of the output is the answer that gets scored.
 */
package invthink.eval.baseline;
