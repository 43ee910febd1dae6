package invthink.eval.overrefusal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Over-refusal prompts in XSTest's CSV layout: the project's bundled set (50 benign prompts that
 * look dangerous, 25 unsafe contrasts) or a user's XSTest CSV. Columns are found by header name,
 * so extra columns and another order are fine; {@code prompt} and {@code label} are required.
 */
public final class XsTestSet {

    public static final String RESOURCE = "/invthink/eval/overrefusal/prompts.csv";

    private XsTestSet() {
    }

    public static List<XsTestItem> bundled() {
        try (InputStream in = XsTestSet.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<XsTestItem> load(Path csv) {
        try {
            return parse(Files.readString(csv, StandardCharsets.UTF_8), csv.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
        }
    }

    static List<XsTestItem> parse(String text, String source) {
        List<List<String>> rows = Csv.parse(text.startsWith("\uFEFF") ? text.substring(1) : text);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(source + ": empty");
        }
        List<String> header = rows.get(0).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        int prompt = column(header, "prompt", source, true);
        int label = column(header, "label", source, true);
        int id = column(header, "id", source, false);
        int type = column(header, "type", source, false);
        int focus = column(header, "focus", source, false);
        int note = column(header, "note", source, false);
        List<XsTestItem> items = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            String l = cell(row, label).strip().toLowerCase(Locale.ROOT);
            if (!l.equals(XsTestItem.SAFE) && !l.equals(XsTestItem.UNSAFE)) {
                throw new IllegalArgumentException(source + ": row " + (r + 1) + ": label must be safe or unsafe, got '" + l + "'");
            }
            String p = cell(row, prompt);
            if (p.isBlank()) {
                throw new IllegalArgumentException(source + ": row " + (r + 1) + ": empty prompt");
            }
            items.add(new XsTestItem(id < 0 ? String.valueOf(r) : cell(row, id), p, cell(row, type), l, cell(row, focus), cell(row, note)));
        }
        return List.copyOf(items);
    }

    private static int column(List<String> header, String name, String source, boolean required) {
        int i = header.indexOf(name);
        if (i < 0 && required) {
            throw new IllegalArgumentException(source + ": no '" + name + "' column in header " + header);
        }
        return i;
    }

    private static String cell(List<String> row, int i) {
        return i < 0 || i >= row.size() ? "" : row.get(i);
    }
}
