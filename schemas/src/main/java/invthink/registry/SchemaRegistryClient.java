package invthink.registry;

import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The Confluent schema registry REST API, for Avro schemas.
 *
 * <p>Implementations throw {@link SchemaRegistryException} with the registry's status and error
 * code, and {@link RegistryUnreachableException} when no URL answered.
 */
public interface SchemaRegistryClient {

    /** Registers a schema under a subject; the same schema again returns the same id. */
    int register(String subject, Schema schema);

    /** Finds a schema already registered under a subject (40401 / 40403 when absent). */
    SchemaVersion lookup(String subject, Schema schema);

    /** The schema with a global id (40403 when unknown). */
    Schema schemaById(int id);

    SchemaVersion latest(String subject);

    SchemaVersion version(String subject, int version);

    /** Whether the schema may be registered next under the subject's compatibility level. */
    boolean isCompatible(String subject, Schema schema);

    List<String> subjects();

    List<Integer> versions(String subject);

    /** Soft-deletes a subject; returns the versions deleted. */
    List<Integer> deleteSubject(String subject);

    CompatibilityLevel compatibility();

    void setCompatibility(CompatibilityLevel level);

    /** The subject's level, or the global level when the subject has none. */
    CompatibilityLevel compatibility(String subject);

    void setCompatibility(String subject, CompatibilityLevel level);

    /** A caching client for Confluent-style configuration ({@link RegistryConfig#URL} and friends). */
    static SchemaRegistryClient create(Map<String, ?> config) {
        return create(new RegistryConfig(config));
    }

    static SchemaRegistryClient create(RegistryConfig config) {
        return new CachingSchemaRegistryClient(new RestSchemaRegistryClient(config));
    }

    /** A caching client for one URL with default settings. */
    static SchemaRegistryClient forUrl(String url) {
        return create(RegistryConfig.forUrl(url));
    }
}
