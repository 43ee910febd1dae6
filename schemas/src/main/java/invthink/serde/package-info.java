/**
 * Kafka serializers and deserializers for Avro in Confluent's wire format: a zero magic byte, the
 * writer schema's 4-byte big-endian registry id, then Avro binary.
 *
 * <p>Records written here are readable by any Confluent-compatible consumer and vice versa.
 * Subjects follow the topic name strategy ({@code <topic>-value}, {@code <topic>-key}). The
 * deserializer resolves the writer's schema against the reader's, so records written before a
 * backward-compatible change still read after it.
 */
package invthink.serde;
