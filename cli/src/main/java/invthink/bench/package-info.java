/**
 * Benchmarks: each measures one stage and, in the same run and on the same broker, the plain
 * Kafka baseline it builds on, so the printed ratio says what our layer costs.
 */
package invthink.bench;
