package invthink.ingest.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import invthink.ingest.source.ItemSource;
import invthink.ingest.source.JsonRecords;
import invthink.ingest.source.LineReader;
import invthink.ingest.source.Malformed;
import invthink.ingest.source.RawLine;
import invthink.ingest.source.SourceItem;
import invthink.ingest.source.Utf8;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A dataset stored as one JSON object per line, converted row by row. */
final class JsonlDataset implements ItemSource {

    /** Converts one parsed line. */
    interface Converter {
        SourceItem convert(JsonNode node, Row row);
    }

    private final LineReader reader;
    private final String fileName;
    private final String dataset;
    private final String name;
    private final Converter converter;

    JsonlDataset(Path file, String dataset, Converter converter) throws IOException {
        this.reader = new LineReader(Files.newInputStream(file), 0);
        this.fileName = file.getFileName().toString();
        this.dataset = dataset;
        this.name = "dataset:" + dataset;
        this.converter = converter;
    }

    @Override
    public SourceItem next() throws IOException {
        RawLine line;
        while ((line = reader.next()) != null) {
            String location = fileName + ":" + line.number();
            String text = Utf8.decode(line.bytes());
            if (text == null) {
                return new Malformed(location, line.bytes(), Malformed.INVALID_UTF8, "line is not valid UTF-8");
            }
            if (text.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JsonRecords.MAPPER.readTree(text);
            } catch (IOException e) {
                return new Malformed(location, line.bytes(), Malformed.INVALID_JSON, "not valid JSON: " + e.getMessage());
            }
            if (node == null || !node.isObject()) {
                return new Malformed(location, line.bytes(), Malformed.INVALID_JSON, "expected a JSON object");
            }
            return converter.convert(node, new Row(dataset, name, location, line.bytes()));
        }
        return null;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
