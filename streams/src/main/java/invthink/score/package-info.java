/**
 * The scoring stage: every response on {@code invthink.responses} judged once, its verdict on
 * {@code invthink.scores}, undecodable or unjudgeable input on the DLQ. Inline judges run in
 * Kafka Streams; remote judges run on plain clients with bounded concurrency, never on a stream thread.
 */
package invthink.score;
