/**
 * The chat format the policy is trained and served in: ChatML as Qwen writes it, with the
 * assistant turn in the InvThink format ({@code <invthink>…</invthink><think>…</think>}),
 * and the encoding of a prompt and completion into token ids with a completion-only loss mask.
 */
package invthink.chat;
