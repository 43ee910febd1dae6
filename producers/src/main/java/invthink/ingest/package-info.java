/**
 * Sources that publish {@code Prompt} records to {@code invthink.prompts}: production logs,
 * files, datasets and HTTP. Anything unusable becomes a {@code DeadLetter}, never a silent drop.
 */
package invthink.ingest;
