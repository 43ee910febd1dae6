package invthink.ingest.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;

/**
 * Reads the common chat-log line, {@code {"messages":[{"role":…,"content":"…"},…], "model":…,
 * "timestamp":…, "user":…, "response":"…"}} with string contents, in one streaming pass. Building
 * a JSON tree first cost as much as all the rest of reading the line. Anything else (content
 * parts, a response object, a flat record, a malformed line, a line without a user message)
 * returns null, and {@link JsonRecords} reads it through the tree with its exact rules and error
 * messages; for the lines read here both give the same submission.
 */
final class ChatLogLine {

    /** Thrown inside the pass when the line is not of the common shape. */
    private static final class Uncommon extends Exception {
        private static final Uncommon INSTANCE = new Uncommon();

        private Uncommon() {
            super(null, null, false, false);
        }
    }

    private String system;
    private String user;
    private boolean afterUser;
    private String assistantAfterUser;
    private String model;
    private Instant at;
    private String response;
    private String userId;
    private boolean sawMessages;

    private ChatLogLine() {
    }

    /** The submission, or null when the line is not of the common shape. */
    static SourceItem read(String line, JsonRecords records, byte[] raw, String location) {
        ChatLogLine parts = new ChatLogLine();
        // An ASCII line is read from its bytes: Jackson's byte parser is faster than its char
        // parser, and for ASCII both read the same characters. Valid UTF-8 decodes to as many
        // chars as it has bytes only when every byte is ASCII (a BOM or any other sequence
        // decodes shorter), so the lengths tell without a second scan of the line.
        try (JsonParser p = line.length() == raw.length ? JsonRecords.MAPPER.createParser(raw)
                : JsonRecords.MAPPER.createParser(line)) {
            parts.readLine(p);
        } catch (Uncommon | IOException e) {
            return null;
        }
        if (!parts.sawMessages || parts.user == null) {
            return null;
        }
        String reply = parts.response != null ? parts.response : parts.assistantAfterUser;
        return records.submission(parts.user, parts.system, parts.model, parts.at, reply, parts.userId, raw, location);
    }

    private void readLine(JsonParser p) throws IOException, Uncommon {
        expect(p.nextToken() == JsonToken.START_OBJECT);
        String field;
        while ((field = p.nextFieldName()) != null) {
            JsonToken value = p.nextToken();
            switch (field) {
                case "messages" -> messages(p, value);
                case "model" -> model = string(p, value);
                case "user" -> userId = string(p, value);
                case "response" -> response = string(p, value);
                case "timestamp" -> at = timestamp(p, value);
                default -> p.skipChildren();
            }
        }
        expect(p.currentToken() == JsonToken.END_OBJECT && p.nextToken() == null);
    }

    private void messages(JsonParser p, JsonToken value) throws IOException, Uncommon {
        expect(value == JsonToken.START_ARRAY);
        sawMessages = true;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            expect(p.currentToken() == JsonToken.START_OBJECT);
            String role = "";
            String content = null;
            String field;
            while ((field = p.nextFieldName()) != null) {
                JsonToken v = p.nextToken();
                if (field.equals("role")) {
                    expect(v == JsonToken.VALUE_STRING);
                    role = p.getText();
                } else if (field.equals("content")) {
                    content = string(p, v);
                } else {
                    p.skipChildren();
                }
            }
            // As the tree reading does: the first system (or developer) message with content is
            // the system prompt, the last user message the prompt, and an assistant message right
            // after that user message the reply.
            boolean nextToUser = afterUser;
            afterUser = false;
            if (("system".equals(role) || "developer".equals(role)) && system == null) {
                system = content;
            } else if ("user".equals(role)) {
                user = content;
                afterUser = true;
                assistantAfterUser = null;
            }
            if (nextToUser && "assistant".equals(role)) {
                assistantAfterUser = content;
            }
        }
    }

    /** A string or null; anything else is not the common shape. */
    private static String string(JsonParser p, JsonToken value) throws IOException, Uncommon {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(value == JsonToken.VALUE_STRING);
        return p.getText();
    }

    private static Instant timestamp(JsonParser p, JsonToken value) throws IOException, Uncommon {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return JsonRecords.epoch(p.getLongValue());
        }
        expect(value == JsonToken.VALUE_STRING);
        return JsonRecords.timestamp(p.getText());
    }

    private static void expect(boolean condition) throws Uncommon {
        if (!condition) {
            throw Uncommon.INSTANCE;
        }
    }
}
