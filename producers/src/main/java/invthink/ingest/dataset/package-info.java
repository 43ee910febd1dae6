/**
 * Loaders for the public safety datasets users already have, each in its own published format:
 * TRIDENT jsonl, HarmBench and AdvBench CSV, SimpleSafetyTests CSV, SafetyBench multiple-choice
 * JSON, Aegis-2.0-style jsonl, XSTest-style CSV, agentic-misalignment system+user prompt files,
 * plain prompt-per-line files and this project's demo corpus. Each keeps the dataset's own labels
 * (expected label, category, reference answer) in the prompt's metadata and maps its categories
 * to hazard hints where the mapping is clear.
 */
package invthink.ingest.dataset;
