/**
 * The streaming stages: enrichment of prompts with teacher traces, scoring of responses, and
 * windowed safety metrics. Slow remote calls never run on a stream thread.
 */
package invthink.stream;
