/**
 * LLM judges over the chat-completions protocol: the Llama Guard task and parser, and a TRIDENT-style
 * harmfulness rubric that applies the domain's professional duties.
 */
package invthink.judge.llm;
