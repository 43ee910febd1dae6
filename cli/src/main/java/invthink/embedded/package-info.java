/**
 * The embedded default: a real single-node KRaft Kafka broker and the schema registry, in the
 * same JVM as the pipeline, so {@code invthink up} runs on a laptop with no network.
 *
 * <p>Nothing here is a mock: the broker is Kafka's own {@code KafkaRaftServer} on fixed ports
 * with its data on disk, so any Kafka tool can connect to it and its data survives restarts.
 */
package invthink.embedded;
