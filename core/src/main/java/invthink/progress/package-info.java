/**
 * Progress of long work (files, datasets, training, evaluation) on the terminal: a bar with
 * rate and ETA on a TTY, a periodic log-friendly line otherwise, so CI logs stay readable.
 */
package invthink.progress;
