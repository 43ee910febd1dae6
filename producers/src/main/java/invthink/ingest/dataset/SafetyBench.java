package invthink.ingest.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import invthink.ingest.source.ItemSource;
import invthink.ingest.source.JsonRecords;
import invthink.ingest.source.Malformed;
import invthink.ingest.source.SourceItem;
import invthink.ingest.source.Utf8;
import invthink.prompt.PromptMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * SafetyBench multiple-choice questions. The dev files map category to questions with answers;
 * the test files are a list of questions with ids (answers ship separately). A question becomes
 * one prompt: the question, then its options as (A), (B), ... so a model can answer with a letter.
 */
final class SafetyBench {

    private SafetyBench() {
    }

    static ItemSource read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = Utf8.decode(bytes);
        String name = file.getFileName().toString();
        List<SourceItem> items = new ArrayList<>();
        if (text == null) {
            items.add(new Malformed(name, bytes, Malformed.INVALID_UTF8, "file is not valid UTF-8"));
            return new ListSource("dataset:safetybench", items);
        }
        JsonNode root;
        try {
            root = JsonRecords.MAPPER.readTree(text);
        } catch (IOException e) {
            items.add(new Malformed(name, bytes, Malformed.INVALID_JSON, "not valid JSON: " + e.getMessage()));
            return new ListSource("dataset:safetybench", items);
        }
        if (root.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> category = it.next();
                int i = 0;
                for (JsonNode q : category.getValue()) {
                    items.add(question(q, category.getKey(), name + ":" + category.getKey() + "[" + i++ + "]"));
                }
            }
        } else if (root.isArray()) {
            int i = 0;
            for (JsonNode q : root) {
                items.add(question(q, DatasetFormat.text(q, "category"), name + "[" + i++ + "]"));
            }
        } else {
            items.add(new Malformed(name, bytes, Malformed.UNSUPPORTED, "expected a JSON object or array of questions"));
        }
        return new ListSource("dataset:safetybench", items);
    }

    private static SourceItem question(JsonNode q, String category, String location) {
        byte[] raw = q.toString().getBytes(StandardCharsets.UTF_8);
        Row row = new Row("safetybench", "dataset:safetybench", location, raw);
        String question = DatasetFormat.text(q, "question");
        JsonNode options = q.get("options");
        if (question == null || options == null || !options.isArray() || options.isEmpty()) {
            return new Malformed(location, raw, Malformed.MISSING_FIELD, "question needs 'question' and a non-empty 'options' array");
        }
        StringBuilder text = new StringBuilder(question.strip());
        for (int i = 0; i < options.size(); i++) {
            text.append('\n').append('(').append((char) ('A' + i)).append(") ").append(options.get(i).asText().strip());
        }
        JsonNode answer = q.get("answer");
        if (answer != null && answer.canConvertToInt() && answer.asInt() >= 0 && answer.asInt() < options.size()) {
            row.put(DatasetMetadata.ANSWER, String.valueOf((char) ('A' + answer.asInt())));
        }
        return row.put(PromptMetadata.SOURCE_CATEGORY, category)
                .put(PromptMetadata.SOURCE_ID, DatasetFormat.text(q, "id"))
                .text(text.toString(), "question");
    }
}
