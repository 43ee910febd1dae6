/**
 * Dead letters: every stage's one way to give up on an input without losing it. A dead letter
 * carries the original bytes and a reason specific enough to act on, on {@code invthink.dlq}.
 */
package invthink.dlq;
