/**
 * Running a benchmark's requests: the settings of a run, the seeded subset behind {@code --limit},
 * and the runner that keeps a bounded number of requests in flight under a progress bar.
 */
package invthink.eval.run;
