package invthink.ingest.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * A CSV file whose rows become items through a row mapper: the generic {@link FieldMapping} for
 * {@code ingest file}, or a dataset's own mapping. Checks at open that the text column exists, so
 * a wrong mapping fails once, up front, instead of dead-lettering every row.
 */
public final class CsvFileSource implements ItemSource {

    private final CsvReader reader;
    private final Function<CsvRow, SourceItem> mapper;
    private final String name;

    public CsvFileSource(Path file, String name, Function<java.util.List<String>, Function<CsvRow, SourceItem>> mapperForHeader)
            throws IOException {
        this.reader = new CsvReader(Files.newInputStream(file), file.getFileName().toString());
        this.name = name;
        this.mapper = mapperForHeader.apply(reader.header());
    }

    @Override
    public SourceItem next() throws IOException {
        Object rec = reader.next();
        if (rec == null) {
            return null;
        }
        if (rec instanceof Malformed m) {
            return m;
        }
        return mapper.apply((CsvRow) rec);
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
