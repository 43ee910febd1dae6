package invthink.ingest.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A whole file of lines (JSONL chat logs, flat JSONL records, or plain text), read once. */
public final class LineFileSource implements ItemSource {

    private final Path file;
    private final LineReader reader;
    private final LineParser parser;
    private final String fileName;

    public LineFileSource(Path file, LineFormat format, FieldMapping mapping, String kind) throws IOException {
        this.file = file;
        this.fileName = file.getFileName().toString();
        this.reader = new LineReader(Files.newInputStream(file), 0);
        this.parser = new LineParser(format, mapping, kind + ":" + file);
    }

    @Override
    public SourceItem next() throws IOException {
        RawLine line;
        while ((line = reader.next()) != null) {
            SourceItem item = parser.parse(line, fileName + ":" + line.number());
            if (item != null) {
                return item;
            }
        }
        return null;
    }

    @Override
    public String name() {
        return parser.source();
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
