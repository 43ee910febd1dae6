package invthink.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * The embedded registry's in-memory view of its log. Only the log replay and the single writer
 * change it; HTTP readers query it concurrently, hence the synchronized methods.
 */
final class RegistryState {

    /** A schema under its global id; {@code text} is returned exactly as first registered. */
    record StoredSchema(int id, String text, Schema schema, String identity) {
    }

    record Version(String subject, int version, int id, boolean deleted) {
    }

    private final Map<Integer, StoredSchema> schemas = new HashMap<>();
    private final Map<String, Integer> idsByIdentity = new HashMap<>();
    private final Map<String, TreeMap<Integer, Version>> subjects = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private int maxId;

    synchronized void putSchema(String subject, int version, int id, String text, boolean deleted) {
        StoredSchema stored = schemas.get(id);
        if (stored == null) {
            Schema schema = new Schema.Parser().parse(text);
            stored = new StoredSchema(id, text, schema, SchemaIdentity.of(schema));
            schemas.put(id, stored);
            idsByIdentity.putIfAbsent(stored.identity(), id);
        }
        maxId = Math.max(maxId, id);
        subjects.computeIfAbsent(subject, s -> new TreeMap<>()).put(version, new Version(subject, version, id, deleted));
    }

    /** @param subject null for the global level; @param level null to remove a subject's level */
    synchronized void putLevel(String subject, CompatibilityLevel level) {
        if (subject == null) {
            globalLevel = level == null ? CompatibilityLevel.BACKWARD : level;
        } else if (level == null) {
            subjectLevels.remove(subject);
        } else {
            subjectLevels.put(subject, level);
        }
    }

    synchronized Optional<StoredSchema> schema(int id) {
        return Optional.ofNullable(schemas.get(id));
    }

    synchronized Optional<Integer> idFor(String identity) {
        return Optional.ofNullable(idsByIdentity.get(identity));
    }

    /** Ids only grow, also past ids whose every version was deleted. */
    synchronized int nextId() {
        return maxId + 1;
    }

    /** Versions only grow, also past deleted ones, as Confluent does. */
    synchronized int nextVersion(String subject) {
        TreeMap<Integer, Version> versions = subjects.get(subject);
        return versions == null || versions.isEmpty() ? 1 : versions.lastKey() + 1;
    }

    /** Oldest first. */
    synchronized List<Version> versions(String subject, boolean includeDeleted) {
        List<Version> result = new ArrayList<>();
        TreeMap<Integer, Version> versions = subjects.get(subject);
        if (versions != null) {
            versions.values().stream().filter(v -> includeDeleted || !v.deleted()).forEach(result::add);
        }
        return result;
    }

    synchronized List<String> subjects(boolean includeDeleted) {
        List<String> names = new ArrayList<>();
        subjects.forEach((name, versions) -> {
            if (includeDeleted || versions.values().stream().anyMatch(v -> !v.deleted())) {
                names.add(name);
            }
        });
        return names;
    }

    synchronized List<Version> usesOf(int id) {
        List<Version> uses = new ArrayList<>();
        subjects.values().forEach(versions -> versions.values().stream()
                .filter(v -> v.id() == id && !v.deleted()).forEach(uses::add));
        return uses;
    }

    synchronized CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    synchronized CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    synchronized int schemaCount() {
        return schemas.size();
    }
}
