package invthink.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Maps each call to one Confluent REST endpoint. Uses only what Confluent, Apicurio's ccompat
 * API and Redpanda all implement; no caching (see {@link CachingSchemaRegistryClient}).
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    private final RegistryTransport transport;
    private final String normalizeQuery;

    public RestSchemaRegistryClient(RegistryConfig config) {
        this.transport = new RegistryTransport(config);
        this.normalizeQuery = config.normalizeSchemas() ? "?normalize=true" : "";
    }

    /** Subject names may contain '/', spaces or other reserved characters. */
    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static ObjectNode schemaBody(Schema schema) {
        // schemaType is omitted: every registry treats its absence as AVRO, and older ones reject it.
        ObjectNode body = RegistryTransport.JSON.createObjectNode();
        body.put("schema", schema.toString());
        return body;
    }

    @Override
    public int register(String subject, Schema schema) {
        JsonNode reply = transport.send("POST", "/subjects/" + encode(subject) + "/versions" + normalizeQuery,
                schemaBody(schema));
        return requiredInt(reply, "id");
    }

    @Override
    public SchemaVersion lookup(String subject, Schema schema) {
        JsonNode reply = transport.send("POST", "/subjects/" + encode(subject) + normalizeQuery, schemaBody(schema));
        return schemaVersion(reply, subject);
    }

    @Override
    public Schema schemaById(int id) {
        JsonNode reply = transport.send("GET", "/schemas/ids/" + id, null);
        String type = reply.path("schemaType").asText("AVRO");
        if (!"AVRO".equalsIgnoreCase(type)) {
            throw new SchemaRegistryException(200, 0, "schema " + id + " is " + type + ", not AVRO");
        }
        return new Schema.Parser().parse(requiredText(reply, "schema"));
    }

    @Override
    public SchemaVersion latest(String subject) {
        return schemaVersion(transport.send("GET", "/subjects/" + encode(subject) + "/versions/latest", null),
                subject);
    }

    @Override
    public SchemaVersion version(String subject, int version) {
        return schemaVersion(transport.send("GET", "/subjects/" + encode(subject) + "/versions/" + version, null),
                subject);
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        JsonNode reply = transport.send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                schemaBody(schema));
        JsonNode verdict = reply.get("is_compatible");
        if (verdict == null || !verdict.isBoolean()) {
            throw new SchemaRegistryException(200, 0, "compatibility reply without is_compatible: " + reply);
        }
        return verdict.booleanValue();
    }

    @Override
    public List<String> subjects() {
        List<String> names = new ArrayList<>();
        transport.send("GET", "/subjects", null).forEach(node -> names.add(node.asText()));
        return names;
    }

    @Override
    public List<Integer> versions(String subject) {
        return ints(transport.send("GET", "/subjects/" + encode(subject) + "/versions", null));
    }

    @Override
    public List<Integer> deleteSubject(String subject) {
        return ints(transport.send("DELETE", "/subjects/" + encode(subject), null));
    }

    @Override
    public CompatibilityLevel compatibility() {
        return level(transport.send("GET", "/config", null));
    }

    @Override
    public void setCompatibility(CompatibilityLevel level) {
        transport.send("PUT", "/config", compatibilityBody(level));
    }

    @Override
    public CompatibilityLevel compatibility(String subject) {
        return level(transport.send("GET", "/config/" + encode(subject) + "?defaultToGlobal=true", null));
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        transport.send("PUT", "/config/" + encode(subject), compatibilityBody(level));
    }

    private static ObjectNode compatibilityBody(CompatibilityLevel level) {
        ObjectNode body = RegistryTransport.JSON.createObjectNode();
        body.put("compatibility", level.name());
        return body;
    }

    /** GET answers "compatibilityLevel"; some registries answer with the PUT spelling. */
    private static CompatibilityLevel level(JsonNode reply) {
        JsonNode level = reply.has("compatibilityLevel") ? reply.get("compatibilityLevel") : reply.get("compatibility");
        if (level == null) {
            throw new SchemaRegistryException(200, 0, "config reply without compatibilityLevel: " + reply);
        }
        return CompatibilityLevel.parse(level.asText());
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asInt()));
        return values;
    }

    private static SchemaVersion schemaVersion(JsonNode reply, String subject) {
        return new SchemaVersion(reply.path("subject").asText(subject), requiredInt(reply, "id"),
                requiredInt(reply, "version"), requiredText(reply, "schema"));
    }

    private static int requiredInt(JsonNode reply, String field) {
        JsonNode value = reply.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new SchemaRegistryException(200, 0, "registry reply without '" + field + "': " + reply);
        }
        return value.asInt();
    }

    private static String requiredText(JsonNode reply, String field) {
        JsonNode value = reply.get(field);
        if (value == null || !value.isTextual()) {
            throw new SchemaRegistryException(200, 0, "registry reply without '" + field + "': " + reply);
        }
        return value.asText();
    }

    @Override
    public String toString() {
        return "RestSchemaRegistryClient{" + transport + "}";
    }
}
