package invthink.ingest.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A whole file of lines (JSONL chat logs, flat JSONL records, or plain text), read once. */
public final class LineFileSource implements ItemSource {

    private final LineReader reader;
    private final LineParser parser;
    private final String fileName;

    public LineFileSource(Path file, LineFormat format, FieldMapping mapping, String kind) throws IOException {
        this(Files.newInputStream(file), file.getFileName().toString(), format, mapping, kind + ":" + file);
    }

    /** Lines from a stream (a bundled resource); {@code source} is the name recorded on every prompt. */
    public LineFileSource(java.io.InputStream in, String fileName, LineFormat format, FieldMapping mapping, String source) {
        this.fileName = fileName;
        this.reader = new LineReader(in, 0);
        this.parser = new LineParser(format, mapping, source);
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

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
