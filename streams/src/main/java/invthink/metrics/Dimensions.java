package invthink.metrics;

import invthink.avro.HazardCategory;
import invthink.avro.SafetyScore;
import java.util.ArrayList;
import java.util.List;

/**
 * One combination of metric dimensions; a null dimension aggregates over all its values.
 *
 * <p>Each score counts toward: everything; its model version; its source; its model version and
 * source together (a checkpoint's eval runs versus production traffic); its domain; and each of
 * its hazard categories. Not the full cross product, which would multiply state and output by
 * the number of categories for views nobody reads.
 */
public record Dimensions(String modelVersion, String domain, String category, String source) {

    private static final String ALL = "*";
    private static final String SEP = "|";

    public static List<Dimensions> of(SafetyScore score) {
        String mv = score.getModelVersion();
        String source = score.getSource().name();
        List<Dimensions> out = new ArrayList<>();
        out.add(new Dimensions(null, null, null, null));
        out.add(new Dimensions(mv, null, null, null));
        out.add(new Dimensions(null, null, null, source));
        out.add(new Dimensions(mv, null, null, source));
        if (score.getDomain() != null && !score.getDomain().isBlank()) {
            out.add(new Dimensions(null, score.getDomain(), null, null));
        }
        for (HazardCategory c : score.getCategories()) {
            out.add(new Dimensions(null, null, c.name(), null));
        }
        return out;
    }

    /** A stable string key: {@code modelVersion|domain|category|source}, with {@code *} for all. */
    public String key() {
        return part(modelVersion) + SEP + part(domain) + SEP + part(category) + SEP + part(source);
    }

    public static Dimensions fromKey(String key) {
        String[] p = key.split("\\|", -1);
        if (p.length != 4) {
            throw new IllegalArgumentException("not a dimensions key: " + key);
        }
        return new Dimensions(unpart(p[0]), unpart(p[1]), unpart(p[2]), unpart(p[3]));
    }

    private static String part(String s) {
        // Values never contain the separator in practice; escape anyway so keys always round-trip.
        return s == null ? ALL : s.replace("%", "%25").replace(SEP, "%7C").replace(ALL, "%2A");
    }

    private static String unpart(String s) {
        return ALL.equals(s) ? null : s.replace("%2A", ALL).replace("%7C", SEP).replace("%25", "%");
    }
}
