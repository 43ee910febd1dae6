package invthink.ingest.source;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 4180 CSV: comma-separated, double-quoted fields with {@code ""} for a quote and line breaks
 * inside quotes, first record the header. Each record keeps its original bytes and first line
 * number; a record with the wrong number of columns, invalid UTF-8 or an unterminated quote is
 * returned as {@link Malformed} and reading continues with the next record.
 */
public final class CsvReader implements Closeable {

    private final LineReader lines;
    private final String fileName;
    private final List<String> header;

    /** Reads the header; throws when the file has none (the source is unusable). */
    public CsvReader(InputStream in, String fileName) throws IOException {
        this.lines = new LineReader(in, 0);
        this.fileName = fileName;
        Object first = nextRecord();
        if (first == null) {
            throw new IOException(fileName + ": empty CSV file, no header row");
        }
        if (first instanceof Malformed m) {
            throw new IOException(fileName + ": unreadable header row: " + m.reason());
        }
        @SuppressWarnings("unchecked")
        List<String> names = ((Parsed) first).fields();
        this.header = names.stream().map(String::trim).toList();
    }

    public List<String> header() {
        return header;
    }

    /** A {@link CsvRow}, a {@link Malformed}, or null at the end. */
    public Object next() throws IOException {
        while (true) {
            Object rec = nextRecord();
            if (rec == null || rec instanceof Malformed) {
                return rec;
            }
            Parsed p = (Parsed) rec;
            if (p.fields().size() == 1 && p.fields().get(0).isEmpty()) {
                continue; // blank line
            }
            if (p.fields().size() < header.size()) {
                List<String> missing = header.subList(p.fields().size(), header.size());
                return new Malformed(p.location(), p.raw(), Malformed.MISSING_COLUMN, "row has " + p.fields().size()
                        + " of " + header.size() + " columns; missing " + missing);
            }
            if (p.fields().size() > header.size()) {
                return new Malformed(p.location(), p.raw(), Malformed.INVALID_CSV, "row has " + p.fields().size()
                        + " columns, the header " + header.size());
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                fields.put(header.get(i), p.fields().get(i));
            }
            return new CsvRow(Collections.unmodifiableMap(fields), p.raw(), p.location());
        }
    }

    private record Parsed(List<String> fields, byte[] raw, String location) {
    }

    private Object nextRecord() throws IOException {
        RawLine line = lines.next();
        if (line == null) {
            return null;
        }
        String location = fileName + ":" + line.number();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean badUtf8 = false;
        while (true) {
            raw.write(line.bytes());
            String text = Utf8.decode(line.bytes());
            if (text == null) {
                badUtf8 = true;
                text = "";
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        field.append(c);
                    }
                } else if (c == '"' && field.length() == 0) {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            if (!quoted) {
                break;
            }
            field.append('\n');
            line = lines.next();
            if (line == null) {
                return new Malformed(location, raw.toByteArray(), Malformed.INVALID_CSV, "unterminated quoted field");
            }
            raw.write('\n');
        }
        fields.add(field.toString());
        if (badUtf8) {
            return new Malformed(location, raw.toByteArray(), Malformed.INVALID_UTF8, "row is not valid UTF-8");
        }
        return new Parsed(fields, raw.toByteArray(), location);
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
