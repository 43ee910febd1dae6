/**
 * A transparent pre-classifier that tags each prompt with its professional domain (medicine,
 * finance, law, cyber, agentic, self-harm, general) and hazard hints from the MLCommons /
 * Llama Guard 3 taxonomy (S1..S14). Every rule is a named list of words and phrases in
 * {@link invthink.hazard.HazardRules}, tested next to it; the rules that fired travel with the
 * prompt, so a hint can always be explained. Hints, not verdicts: the judge decides.
 */
package invthink.hazard;
