/**
 * Running a benchmark's requests: the settings of a run, the seeded subset behind {@code --limit},
 * the runner that keeps a bounded number of requests in flight under a progress bar, and the log of
 * every item's scored answer and outcome.
 */
package invthink.eval.run;
