package invthink.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import invthink.registry.RegistryState.StoredSchema;
import invthink.registry.RegistryState.Version;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes Confluent REST requests to {@link RegistryService} and renders Confluent's JSON. */
final class RegistryHttpHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request that could not be routed or read; rendered like Confluent's generic errors. */
    private static final class HttpError extends RuntimeException {
        final int status;

        HttpError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /** The parts of a request a route needs. */
    private record Call(String method, List<String> path, Map<String, String> query, JsonNode body) {
        boolean flag(String name) {
            return Boolean.parseBoolean(query.getOrDefault(name, "false"));
        }

        String text(String field) {
            JsonNode value = body == null ? null : body.get(field);
            return value == null || value.isNull() ? null : value.asText();
        }
    }

    private final RegistryService service;

    RegistryHttpHandler(RegistryService service) {
        this.service = service;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int status = 200;
            Object reply;
            try {
                reply = route(read(exchange));
            } catch (SchemaRegistryException e) {
                status = e.httpStatus();
                reply = error(e.errorCode(), e.registryMessage());
            } catch (HttpError e) {
                status = e.status;
                reply = error(e.status, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("registry request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                status = 500;
                reply = error(500, "Internal error: " + e);
            }
            byte[] body = reply instanceof String raw ? raw.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(reply);
            exchange.getResponseHeaders().set("Content-Type", RegistryConfig.CONTENT_TYPE);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static ObjectNode error(int code, String message) {
        ObjectNode node = JSON.createObjectNode();
        node.put("error_code", code);
        node.put("message", message);
        return node;
    }

    private static Call read(HttpExchange exchange) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null && !contentType.toLowerCase().contains("json")
                && !contentType.toLowerCase().startsWith("application/octet-stream")) {
            throw new HttpError(415, "HTTP 415 Unsupported Media Type: " + contentType);
        }
        List<String> path = new ArrayList<>();
        for (String segment : exchange.getRequestURI().getRawPath().split("/")) {
            if (!segment.isEmpty()) {
                path.add(decode(segment));
            }
        }
        Map<String, String> query = new HashMap<>();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                query.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "true" : decode(pair.substring(eq + 1)));
            }
        }
        JsonNode body = null;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            if (bytes.length > 0) {
                try {
                    body = JSON.readTree(bytes);
                } catch (IOException e) {
                    throw new HttpError(400, "Malformed JSON request body: " + e.getMessage());
                }
            }
        }
        return new Call(exchange.getRequestMethod().toUpperCase(), path, query, body);
    }

    /** '+' is literal in a path segment, unlike in a form-encoded query. */
    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private Object route(Call call) {
        List<String> p = call.path();
        if (p.isEmpty()) {
            return only(call, "GET", JSON.createObjectNode());
        }
        return switch (p.get(0)) {
            case "subjects" -> subjects(call, p);
            case "schemas" -> schemas(call, p);
            case "compatibility" -> compatibility(call, p);
            case "config" -> config(call, p);
            case "mode" -> only(call, "GET", JSON.createObjectNode().put("mode", "READWRITE"));
            default -> throw notFound();
        };
    }

    private Object subjects(Call call, List<String> p) {
        if (p.size() == 1) {
            return only(call, "GET", service.state().subjects(call.flag("deleted")));
        }
        String subject = p.get(1);
        if (p.size() == 2) {
            return switch (call.method()) {
                case "POST" -> versionJson(service.lookup(subject, call.text("schema"), call.text("schemaType")));
                case "DELETE" -> service.deleteSubject(subject);
                default -> throw methodNotAllowed(call);
            };
        }
        if (!p.get(2).equals("versions") || p.size() > 5) {
            throw notFound();
        }
        if (p.size() == 3) {
            return switch (call.method()) {
                case "GET" -> {
                    List<Version> versions = service.state().versions(subject, call.flag("deleted"));
                    if (versions.isEmpty()) {
                        throw RegistryService.subjectNotFound(subject);
                    }
                    yield versions.stream().map(Version::version).toList();
                }
                case "POST" -> JSON.createObjectNode().put("id",
                        service.register(subject, call.text("schema"), call.text("schemaType")));
                default -> throw methodNotAllowed(call);
            };
        }
        Version version = service.version(subject, p.get(3), call.flag("deleted"));
        if (p.size() == 4) {
            return only(call, "GET", versionJson(version));
        }
        if (!p.get(4).equals("schema")) {
            throw notFound();
        }
        return only(call, "GET", service.schema(version.id()).text());
    }

    private ObjectNode versionJson(Version version) {
        ObjectNode node = JSON.createObjectNode();
        node.put("subject", version.subject());
        node.put("version", version.version());
        node.put("id", version.id());
        node.put("schema", service.schema(version.id()).text());
        return node;
    }

    private Object schemas(Call call, List<String> p) {
        if (p.size() == 2 && p.get(1).equals("types")) {
            return only(call, "GET", List.of("AVRO"));
        }
        if (p.size() < 3 || p.size() > 4 || !p.get(1).equals("ids")) {
            throw notFound();
        }
        int id;
        try {
            id = Integer.parseInt(p.get(2));
        } catch (NumberFormatException e) {
            throw new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND,
                    "Schema " + p.get(2) + " not found");
        }
        StoredSchema schema = service.schema(id);
        if (p.size() == 3) {
            return only(call, "GET", JSON.createObjectNode().put("schema", schema.text()));
        }
        List<Version> uses = service.state().usesOf(id);
        return switch (p.get(3)) {
            case "subjects" -> only(call, "GET", uses.stream().map(Version::subject).distinct().toList());
            case "versions" -> {
                ArrayNode array = JSON.createArrayNode();
                uses.forEach(v -> array.addObject().put("subject", v.subject()).put("version", v.version()));
                yield only(call, "GET", array);
            }
            default -> throw notFound();
        };
    }

    private Object compatibility(Call call, List<String> p) {
        if (p.size() < 4 || p.size() > 5 || !p.get(1).equals("subjects") || !p.get(3).equals("versions")) {
            throw notFound();
        }
        String spec = p.size() == 5 ? p.get(4) : null;
        List<String> problems = only(call, "POST",
                service.compatibility(p.get(2), spec, call.text("schema"), call.text("schemaType")));
        ObjectNode reply = JSON.createObjectNode().put("is_compatible", problems.isEmpty());
        if (call.flag("verbose")) {
            ArrayNode messages = reply.putArray("messages");
            problems.forEach(messages::add);
        }
        return reply;
    }

    private Object config(Call call, List<String> p) {
        if (p.size() > 2) {
            throw notFound();
        }
        String subject = p.size() == 2 ? p.get(1) : null;
        switch (call.method()) {
            case "GET" -> {
                CompatibilityLevel level = subject == null ? service.state().globalLevel()
                        : service.state().subjectLevel(subject).or(() -> call.flag("defaultToGlobal")
                                ? java.util.Optional.of(service.state().globalLevel()) : java.util.Optional.empty())
                                .orElseThrow(() -> new SchemaRegistryException(404,
                                        SchemaRegistryException.SUBJECT_COMPATIBILITY_NOT_CONFIGURED, "Subject '"
                                                + subject + "' does not have subject-level compatibility configured"));
                return JSON.createObjectNode().put("compatibilityLevel", level.name());
            }
            case "PUT" -> {
                CompatibilityLevel level;
                try {
                    level = CompatibilityLevel.parse(call.text("compatibility"));
                } catch (IllegalArgumentException e) {
                    throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL,
                            e.getMessage());
                }
                service.setLevel(subject, level);
                return JSON.createObjectNode().put("compatibility", level.name());
            }
            case "DELETE" -> {
                if (subject == null) {
                    throw methodNotAllowed(call);
                }
                CompatibilityLevel previous = service.state().effectiveLevel(subject);
                service.setLevel(subject, null);
                return JSON.createObjectNode().put("compatibilityLevel", previous.name());
            }
            default -> throw methodNotAllowed(call);
        }
    }

    private static <T> T only(Call call, String method, T reply) {
        if (!call.method().equals(method)) {
            throw methodNotAllowed(call);
        }
        return reply;
    }

    private static HttpError notFound() {
        return new HttpError(404, "HTTP 404 Not Found");
    }

    private static HttpError methodNotAllowed(Call call) {
        return new HttpError(405, "HTTP 405 Method Not Allowed: " + call.method());
    }
}
