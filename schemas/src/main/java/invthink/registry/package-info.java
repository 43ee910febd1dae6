/**
 * Schema registry, both sides of the Confluent REST API.
 *
 * <p>{@link invthink.registry.SchemaRegistryClient} talks to any registry that speaks the
 * Confluent API (Confluent, Apicurio's ccompat endpoint, Redpanda), reads Confluent's own client
 * configuration keys so existing properties files work unchanged, and caches what it fetched so a
 * serializer goes to the network once per schema. {@link invthink.registry.EmbeddedSchemaRegistry}
 * is a small in-process registry for running without external infrastructure: it serves the part
 * of the API that serializers and common tools use and keeps its state in a compacted Kafka topic,
 * so ids survive restarts and are never reused.
 */
package invthink.registry;
