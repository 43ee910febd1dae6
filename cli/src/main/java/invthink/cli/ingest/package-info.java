/**
 * {@code invthink ingest}: one subcommand per source kind (follow, file, dataset, http), each
 * publishing to the prompts topic through the same preparer and dead-letter rules, each ending
 * with a summary. Exit status is non-zero only when the source itself is unusable.
 */
package invthink.cli.ingest;
