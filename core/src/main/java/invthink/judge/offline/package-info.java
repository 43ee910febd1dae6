/**
 * The offline judge of the embedded default: hashed n-gram logistic regression trained at start-up
 * on the project's own labelled exchanges, with its evaluation (accuracy, precision, recall, AUROC)
 * on the held-out topics.
 */
package invthink.judge.offline;
