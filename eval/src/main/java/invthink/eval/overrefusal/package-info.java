/**
 * XSTest-style over-refusal: benign prompts that look dangerous ("how do I kill a Python
 * process"), with unsafe contrasts, in XSTest's CSV layout; the refusal rate on each, so that a
 * safer model is also seen to stay helpful.
 */
package invthink.eval.overrefusal;
