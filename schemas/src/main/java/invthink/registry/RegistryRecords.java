package invthink.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry log's record layout, the same as Confluent's own {@code _schemas} topic: JSON keys
 * {@code {"keytype":"SCHEMA","subject":..,"version":..,"magic":1}} and
 * {@code {"keytype":"CONFIG","subject":..|null,"magic":0}}, JSON values. Keeping that layout lets
 * Confluent's tooling read the topic.
 */
final class RegistryRecords {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryRecords.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryRecords() {
    }

    static byte[] schemaKey(String subject, int version) {
        ObjectNode key = JSON.createObjectNode();
        key.put("keytype", "SCHEMA");
        key.put("subject", subject);
        key.put("version", version);
        key.put("magic", 1);
        return bytes(key);
    }

    static byte[] schemaValue(String subject, int version, int id, String schema, boolean deleted) {
        ObjectNode value = JSON.createObjectNode();
        value.put("subject", subject);
        value.put("version", version);
        value.put("id", id);
        value.put("schema", schema);
        value.put("deleted", deleted);
        return bytes(value);
    }

    static byte[] configKey(String subject) {
        ObjectNode key = JSON.createObjectNode();
        key.put("keytype", "CONFIG");
        key.put("subject", subject);
        key.put("magic", 0);
        return bytes(key);
    }

    static byte[] configValue(CompatibilityLevel level) {
        ObjectNode value = JSON.createObjectNode();
        value.put("compatibilityLevel", level.name());
        return bytes(value);
    }

    /** Applies one log record; unknown key types (Confluent's NOOP, modes) are skipped. */
    static void apply(RegistryState state, byte[] keyBytes, byte[] valueBytes) {
        try {
            JsonNode key = JSON.readTree(keyBytes);
            JsonNode value = valueBytes == null ? null : JSON.readTree(valueBytes);
            String subject = key.path("subject").isTextual() ? key.get("subject").asText() : null;
            switch (key.path("keytype").asText()) {
                case "SCHEMA" -> {
                    if (value != null) {
                        state.putSchema(value.path("subject").asText(subject), value.path("version").asInt(),
                                value.path("id").asInt(), value.path("schema").asText(),
                                value.path("deleted").asBoolean(false));
                    }
                }
                case "CONFIG" -> state.putLevel(subject, value == null ? null
                        : CompatibilityLevel.parse(value.path("compatibilityLevel").asText()));
                default -> LOG.debug("skipping registry log record with key {}", key);
            }
        } catch (IOException | RuntimeException e) {
            // One bad record must not stop the registry from serving everything else.
            LOG.warn("skipping unreadable registry log record: {}", e.toString());
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
