/**
 * What happens to a prompt before it enters Kafka, in one place every source and stage reuses:
 * normalise, check size, redact, hash to its id, classify; the result is an Avro
 * {@code Prompt} or a refusal with a reason code for the dead-letter queue.
 */
package invthink.prompt;
