/**
 * Test support shared by every module: one real, in-process KRaft Kafka cluster per test JVM.
 *
 * <p>Starting a broker costs seconds and hundreds of megabytes, so tests never start their own;
 * they ask {@link invthink.testkit.SharedKafka} for the JVM-wide cluster and isolate themselves
 * with unique topic names instead.
 */
package invthink.testkit;
