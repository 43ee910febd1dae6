package invthink.registry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Remembers ids and schemas, which never change once assigned, so serializers and deserializers
 * reach the registry once per schema. Versions, subjects and configuration are always fetched:
 * they change.
 */
public final class CachingSchemaRegistryClient implements SchemaRegistryClient {

    private record SubjectSchema(String subject, Schema schema) {
    }

    private final SchemaRegistryClient delegate;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> registeredIds = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, SchemaVersion> lookups = new ConcurrentHashMap<>();

    public CachingSchemaRegistryClient(SchemaRegistryClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer id = registeredIds.get(key);
        if (id == null) {
            // Two threads may both register: the registry answers both with the same id.
            id = delegate.register(subject, schema);
            registeredIds.put(key, id);
            schemasById.putIfAbsent(id, schema);
        }
        return id;
    }

    @Override
    public SchemaVersion lookup(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        SchemaVersion found = lookups.get(key);
        if (found == null) {
            found = delegate.lookup(subject, schema);
            lookups.put(key, found);
        }
        return found;
    }

    @Override
    public Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            schema = delegate.schemaById(id);
            Schema raced = schemasById.putIfAbsent(id, schema);
            if (raced != null) {
                schema = raced;
            }
        }
        return schema;
    }

    @Override
    public SchemaVersion latest(String subject) {
        return delegate.latest(subject);
    }

    @Override
    public SchemaVersion version(String subject, int version) {
        return delegate.version(subject, version);
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        return delegate.isCompatible(subject, schema);
    }

    @Override
    public List<String> subjects() {
        return delegate.subjects();
    }

    @Override
    public List<Integer> versions(String subject) {
        return delegate.versions(subject);
    }

    @Override
    public List<Integer> deleteSubject(String subject) {
        // A deleted subject must be registered again, not served from memory.
        registeredIds.keySet().removeIf(key -> key.subject().equals(subject));
        lookups.keySet().removeIf(key -> key.subject().equals(subject));
        return delegate.deleteSubject(subject);
    }

    @Override
    public CompatibilityLevel compatibility() {
        return delegate.compatibility();
    }

    @Override
    public void setCompatibility(CompatibilityLevel level) {
        delegate.setCompatibility(level);
    }

    @Override
    public CompatibilityLevel compatibility(String subject) {
        return delegate.compatibility(subject);
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        delegate.setCompatibility(subject, level);
    }

    @Override
    public String toString() {
        return "CachingSchemaRegistryClient{" + delegate + "}";
    }
}
