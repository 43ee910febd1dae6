/**
 * SafetyBench multiple choice: reading the published JSON layout, zero- and five-shot prompts,
 * finding the chosen letter in messy model output, and accuracy per safety category.
 */
package invthink.eval.safetybench;
