/**
 * The demo feed that {@code invthink up} streams by default: this project's own prompt corpus
 * (harmful and benign prompts across medicine, finance, law, agentic tool use, cyber, self-harm
 * and everyday questions, each with its domain and expected label) and a small synthetic
 * production log with PII and the deployed model's responses. Both are bundled resources.
 */
package invthink.ingest.demo;
