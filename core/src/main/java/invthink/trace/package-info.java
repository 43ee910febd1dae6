/**
 * The InvThink inverse-trace format: harm enumeration, consequence analysis and mitigation
 * strategy in {@code <invthink>}, the constrained answer in {@code <think>}. Rendering, parsing
 * and validation live here, in one place, so no stage parses trace text by hand.
 */
package invthink.trace;
