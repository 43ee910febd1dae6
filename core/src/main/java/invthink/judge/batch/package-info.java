/**
 * Batch judging of JSON-lines files (logs, evaluation outputs): every line judged, written back in
 * order with the verdict added, unreadable lines kept aside with their reason.
 */
package invthink.judge.batch;
