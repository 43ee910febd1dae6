package invthink.ingest.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import invthink.hazard.Domains;
import invthink.prompt.Candidate;
import invthink.prompt.PromptIds;
import invthink.prompt.PromptMetadata;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one JSON object into a submission: an OpenAI-style chat log line
 * ({@code {"messages":[...], "response":..., "model":..., "timestamp":..., "user":...}}) or a flat
 * record read through a {@link FieldMapping}. Thread-safe.
 */
public final class JsonRecords {

    /** One mapper for the module: duplicate keys are an error, not a silent overwrite. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final FieldMapping mapping;
    private final String source;

    public JsonRecords(FieldMapping mapping, String source) {
        this.mapping = mapping;
        this.source = source;
    }

    /**
     * Parses one line.
     *
     * @param line the line, decoded
     * @param raw  the valid UTF-8 bytes {@code line} was decoded from (kept on a dead letter, and
     *             read directly when they are ASCII)
     */
    public SourceItem parse(String line, byte[] raw, String location) {
        SourceItem common = ChatLogLine.read(line, this, raw, location);
        return common != null ? common : parseTree(line, raw, location);
    }

    /** Parses one line through a JSON tree: every shape, every error message. */
    SourceItem parseTree(String line, byte[] raw, String location) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            return new Malformed(location, raw, Malformed.INVALID_JSON, "not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return new Malformed(location, raw, Malformed.INVALID_JSON, "expected a JSON object, got "
                    + (node == null ? "nothing" : node.getNodeType().name().toLowerCase()));
        }
        return node.has("messages") ? chatLog(node, raw, location) : flat(node, raw, location);
    }

    private SourceItem chatLog(JsonNode node, byte[] raw, String location) {
        JsonNode messages = node.get("messages");
        if (!messages.isArray()) {
            return new Malformed(location, raw, Malformed.INVALID_JSON, "\"messages\" is not an array");
        }
        String system = null;
        String user = null;
        int lastUser = -1;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String role = m.path("role").asText("");
            if (("system".equals(role) || "developer".equals(role)) && system == null) {
                system = content(m.get("content"));
            } else if ("user".equals(role)) {
                user = content(m.get("content"));
                lastUser = i;
            }
        }
        if (user == null) {
            return new Malformed(location, raw, Malformed.MISSING_FIELD, "chat log line has no user message");
        }
        String model = textOrNull(node.get("model"));
        Instant at = timestamp(node.get("timestamp"));
        String replyText = reply(node.get("response"));
        if (replyText == null && lastUser + 1 < messages.size()) {
            JsonNode after = messages.get(lastUser + 1);
            if ("assistant".equals(after.path("role").asText())) {
                replyText = content(after.get("content"));
            }
        }
        return submission(user, system, model, at, replyText, textOrNull(node.get("user")), raw, location);
    }

    /** The submission for a chat-log line's parts, however they were read. */
    Submission submission(String user, String system, String model, Instant at, String replyText, String userId,
                          byte[] raw, String location) {
        Map<String, String> metadata = new HashMap<>();
        metadata.put(PromptMetadata.LOCATION, location);
        if (model != null) {
            metadata.put(PromptMetadata.MODEL, model);
        }
        if (userId != null) {
            metadata.put(PromptMetadata.USER_HASH, PromptIds.sha256(userId).substring(0, 16));
        }
        if (at != null) {
            metadata.put("timestamp", iso(at));
        }
        Candidate candidate = new Candidate(user, system, source, null, List.of(), metadata);
        Reply reply = replyText == null || replyText.isBlank() ? null : new Reply(replyText, model, at);
        return new Submission(candidate, reply, location, raw);
    }

    private SourceItem flat(JsonNode node, byte[] raw, String location) {
        String text = null;
        if (mapping.text() != null) {
            text = textOrNull(node.get(mapping.text()));
            if (text == null) {
                return new Malformed(location, raw, Malformed.MISSING_FIELD, "no text in field \"" + mapping.text() + "\"");
            }
        } else {
            for (String f : FieldMapping.TEXT_FALLBACKS) {
                text = textOrNull(node.get(f));
                if (text != null) {
                    break;
                }
            }
            if (text == null) {
                return new Malformed(location, raw, Malformed.MISSING_FIELD,
                        "no prompt text: none of the fields " + FieldMapping.TEXT_FALLBACKS + " is a string");
            }
        }
        Map<String, String> metadata = new HashMap<>();
        metadata.put(PromptMetadata.LOCATION, location);
        String label = Labels.canonical(field(node, mapping.label()));
        if (label != null) {
            metadata.put(PromptMetadata.LABEL, label);
        }
        putIfPresent(metadata, PromptMetadata.SOURCE_ID, field(node, mapping.id()));
        putIfPresent(metadata, PromptMetadata.SOURCE_CATEGORY, field(node, mapping.category()));
        String domain = field(node, mapping.domain());
        List<String> hints = hints(node.get("hazard_hints"));
        return new Submission(new Candidate(text, field(node, mapping.system()), source,
                Domains.canonical(domain) == null ? null : domain, hints, metadata), null, location, raw);
    }

    private static List<String> hints(JsonNode node) {
        if (node == null || !node.isArray()) {
            return List.of();
        }
        return java.util.stream.StreamSupport.stream(node.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static String field(JsonNode node, String name) {
        return name == null ? null : textOrNull(node.get(name));
    }

    static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }

    static String textOrNull(JsonNode n) {
        if (n == null || n.isNull() || n.isContainerNode()) {
            return null;
        }
        return n.asText();
    }

    /** Message content as a string: plain, or the text parts of an OpenAI content array. */
    static String content(JsonNode c) {
        if (c == null || c.isNull()) {
            return null;
        }
        if (c.isTextual()) {
            return c.asText();
        }
        if (c.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : c) {
                String t = part.isTextual() ? part.asText() : textOrNull(part.get("text"));
                if (t != null) {
                    if (sb.length() > 0) {
                        sb.append('\n');
                    }
                    sb.append(t);
                }
            }
            return sb.length() == 0 ? null : sb.toString();
        }
        return null;
    }

    /** A response: a string, a message object, or an OpenAI chat completion. */
    static String reply(JsonNode r) {
        if (r == null || r.isNull()) {
            return null;
        }
        if (r.isTextual()) {
            return r.asText();
        }
        if (r.has("content")) {
            return content(r.get("content"));
        }
        JsonNode choice = r.path("choices").path(0);
        if (!choice.isMissingNode()) {
            return choice.has("message") ? content(choice.path("message").get("content")) : textOrNull(choice.get("text"));
        }
        return null;
    }

    /** ISO-8601 text, or epoch seconds / milliseconds as a number; null when absent or unreadable. */
    static Instant timestamp(JsonNode t) {
        if (t == null || t.isNull()) {
            return null;
        }
        if (t.isNumber()) {
            return epoch(t.asLong());
        }
        return timestamp(t.asText());
    }

    /**
     * {@link Instant#toString()}, written by hand for whole seconds in years 1000–9999 (what logs
     * hold): the formatter cost a third of building a line's submission.
     */
    static String iso(Instant at) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(at.getEpochSecond(), 0, ZoneOffset.UTC);
        if (at.getNano() != 0 || t.getYear() < 1000 || t.getYear() > 9999) {
            return at.toString();
        }
        char[] c = new char[20];
        put(c, 0, t.getYear(), 4);
        c[4] = '-';
        put(c, 5, t.getMonthValue(), 2);
        c[7] = '-';
        put(c, 8, t.getDayOfMonth(), 2);
        c[10] = 'T';
        put(c, 11, t.getHour(), 2);
        c[13] = ':';
        put(c, 14, t.getMinute(), 2);
        c[16] = ':';
        put(c, 17, t.getSecond(), 2);
        c[19] = 'Z';
        return new String(c);
    }

    private static void put(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** Epoch seconds, or milliseconds when too large for seconds. */
    static Instant epoch(long v) {
        return v > 100_000_000_000L ? Instant.ofEpochMilli(v) : Instant.ofEpochSecond(v);
    }

    /** ISO-8601 text; null when unreadable. */
    static Instant timestamp(String t) {
        Instant common = rfc3339(t);
        if (common != null) {
            return common;
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /**
     * The shape nearly every log writes, {@code 2026-11-30T10:00:00[.fff]Z} or with a {@code ±hh:mm}
     * offset, read without {@code DateTimeFormatter}, which cost as much as parsing the rest of the
     * line; null for anything else, which the general parsers then read.
     */
    static Instant rfc3339(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                if (i - start < 9) {
                    nanos = nanos * 10 + (s.charAt(i) - '0');
                }
                i++;
            }
            if (i == start) {
                return null;
            }
            for (int k = i - start; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offset;
        if (i + 1 == n && s.charAt(i) == 'Z') {
            offset = 0;
        } else if (i + 6 == n && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if ((oh | om) < 0 || oh > 18 || om > 59) {
                return null;
            }
            offset = (s.charAt(i) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        } else {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
                    .toInstant(ZoneOffset.ofTotalSeconds(offset));
        } catch (DateTimeException e) {
            return null; // 24:00, a leap second, 31 February: let the general parsers decide
        }
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
