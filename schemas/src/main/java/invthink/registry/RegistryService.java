package invthink.registry;

import invthink.registry.CompatibilityChecker.Existing;
import invthink.registry.RegistryState.StoredSchema;
import invthink.registry.RegistryState.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.avro.Schema;
import org.apache.avro.AvroRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded registry's operations. Every change goes to the log first and into memory only
 * after the broker acknowledged it, under one lock, so ids and versions are never handed out twice.
 * Errors are {@link SchemaRegistryException}s carrying Confluent's status and error code.
 */
final class RegistryService {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryService.class);

    private final RegistryState state;
    private final RegistryLog log;
    private final ReentrantLock writeLock = new ReentrantLock();

    RegistryService(RegistryState state, RegistryLog log) {
        this.state = state;
        this.log = log;
    }

    RegistryState state() {
        return state;
    }

    static Schema parse(String schemaText, String schemaType) {
        if (schemaType != null && !schemaType.equalsIgnoreCase("AVRO")) {
            throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_SCHEMA,
                    "Unsupported schema type " + schemaType + "; this registry stores AVRO schemas only");
        }
        if (schemaText == null || schemaText.isBlank()) {
            throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_SCHEMA, "Empty schema");
        }
        try {
            return new Schema.Parser().parse(schemaText);
        } catch (AvroRuntimeException | NullPointerException e) {
            throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_SCHEMA,
                    "Invalid schema " + schemaText + ", details: " + e.getMessage());
        }
    }

    /** Registers a schema and returns its global id (an existing one when already known). */
    int register(String subject, String schemaText, String schemaType) {
        Schema schema = parse(schemaText, schemaType);
        String identity = SchemaIdentity.of(schema);
        writeLock.lock();
        try {
            List<Version> live = state.versions(subject, false);
            Optional<Version> same = find(live, identity);
            if (same.isPresent()) {
                return same.get().id();
            }
            List<String> problems = CompatibilityChecker.problems(state.effectiveLevel(subject), schema, existing(live));
            if (!problems.isEmpty()) {
                throw incompatible(subject, problems);
            }
            int id = state.idFor(identity).orElseGet(state::nextId);
            int version = state.nextVersion(subject);
            log.append(RegistryRecords.schemaKey(subject, version),
                    RegistryRecords.schemaValue(subject, version, id, schemaText, false));
            state.putSchema(subject, version, id, schemaText, false);
            LOG.info("registered schema subject={} version={} id={}", subject, version, id);
            return id;
        } finally {
            writeLock.unlock();
        }
    }

    static SchemaRegistryException incompatible(String subject, List<String> problems) {
        return new SchemaRegistryException(409, SchemaRegistryException.INCOMPATIBLE_SCHEMA,
                "Schema being registered is incompatible with an earlier schema for subject \"" + subject
                        + "\", details: " + problems);
    }

    Version lookup(String subject, String schemaText, String schemaType) {
        Schema schema = parse(schemaText, schemaType);
        List<Version> live = liveVersions(subject);
        return find(live, SchemaIdentity.of(schema)).orElseThrow(() -> new SchemaRegistryException(404,
                SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found"));
    }

    /** @param spec "latest", "-1" or a version number */
    Version version(String subject, String spec, boolean includeDeleted) {
        List<Version> versions = state.versions(subject, includeDeleted);
        if (versions.isEmpty()) {
            throw subjectNotFound(subject);
        }
        if (spec.equals("latest") || spec.equals("-1")) {
            return versions.get(versions.size() - 1);
        }
        int number = versionNumber(spec);
        return versions.stream().filter(v -> v.version() == number).findFirst()
                .orElseThrow(() -> new SchemaRegistryException(404, SchemaRegistryException.VERSION_NOT_FOUND,
                        "Version " + number + " not found."));
    }

    private static int versionNumber(String spec) {
        try {
            int number = Integer.parseInt(spec);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Falls through to the registry's own error.
        }
        throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_VERSION, "The specified version '"
                + spec + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    List<Version> liveVersions(String subject) {
        List<Version> live = state.versions(subject, false);
        if (live.isEmpty()) {
            throw subjectNotFound(subject);
        }
        return live;
    }

    StoredSchema schema(int id) {
        return state.schema(id).orElseThrow(() -> new SchemaRegistryException(404,
                SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found"));
    }

    /**
     * Problems that would stop registration.
     *
     * @param spec null to check against what the subject's level requires, else one version
     */
    List<String> compatibility(String subject, String spec, String schemaText, String schemaType) {
        Schema schema = parse(schemaText, schemaType);
        CompatibilityLevel level = state.effectiveLevel(subject);
        List<Version> live = state.versions(subject, false);
        if (spec == null || spec.equals("latest") || spec.equals("-1")) {
            // An empty subject accepts anything, which is what a first registration would do.
            return CompatibilityChecker.problems(level, schema, existing(live));
        }
        Version against = version(subject, spec, false);
        return CompatibilityChecker.problems(level, schema, existing(List.of(against)));
    }

    List<Integer> deleteSubject(String subject) {
        writeLock.lock();
        try {
            List<Integer> deleted = new ArrayList<>();
            for (Version version : liveVersions(subject)) {
                String text = schema(version.id()).text();
                log.append(RegistryRecords.schemaKey(subject, version.version()),
                        RegistryRecords.schemaValue(subject, version.version(), version.id(), text, true));
                state.putSchema(subject, version.version(), version.id(), text, true);
                deleted.add(version.version());
            }
            LOG.info("soft-deleted subject={} versions={}", subject, deleted);
            return deleted;
        } finally {
            writeLock.unlock();
        }
    }

    /** @param subject null for the global level; @param level null to remove a subject's level */
    void setLevel(String subject, CompatibilityLevel level) {
        writeLock.lock();
        try {
            log.append(RegistryRecords.configKey(subject), level == null ? null : RegistryRecords.configValue(level));
            state.putLevel(subject, level);
            LOG.info("compatibility subject={} level={}", subject == null ? "(global)" : subject, level);
        } finally {
            writeLock.unlock();
        }
    }

    private Optional<Version> find(List<Version> versions, String identity) {
        return versions.stream().filter(v -> state.schema(v.id()).map(s -> s.identity().equals(identity)).orElse(false))
                .findFirst();
    }

    private List<Existing> existing(List<Version> versions) {
        return versions.stream().map(v -> new Existing(v.version(), schema(v.id()).schema())).toList();
    }

    static SchemaRegistryException subjectNotFound(String subject) {
        return new SchemaRegistryException(404, SchemaRegistryException.SUBJECT_NOT_FOUND,
                "Subject '" + subject + "' not found.");
    }
}
