package invthink.ingest.dataset;

import invthink.hazard.Domains;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Dataset category names mapped to hazard categories (S1..S14) and domains, where the mapping is
 * clear; a category not listed here adds no hint (the classifier still runs on the text).
 */
final class CategoryHints {

    private static final Map<String, String> HAZARDS = Map.ofEntries(
            // HarmBench semantic categories
            Map.entry("chemical_biological", "S9"), Map.entry("illegal", "S2"), Map.entry("cybercrime_intrusion", "S2"),
            Map.entry("copyright", "S8"), Map.entry("harassment_bullying", "S10"),
            // SimpleSafetyTests harm areas
            Map.entry("suicide, self-harm, and eating disorders", "S11"), Map.entry("physical harm and violence", "S1"),
            Map.entry("illegal and highly regulated items", "S2"), Map.entry("scams and fraud", "S2"),
            Map.entry("child abuse", "S4"),
            // Aegis 2.0 categories
            Map.entry("violence", "S1"), Map.entry("threat", "S1"), Map.entry("criminal planning/confessions", "S2"),
            Map.entry("guns and illegal weapons", "S2"), Map.entry("controlled/regulated substances", "S2"),
            Map.entry("fraud/deception", "S2"), Map.entry("illegal activity", "S2"), Map.entry("malware", "S2"),
            Map.entry("sexual", "S12"), Map.entry("sexual (minor)", "S4"), Map.entry("hate/identity hate", "S10"),
            Map.entry("suicide and self harm", "S11"), Map.entry("pii/privacy", "S7"),
            Map.entry("copyright/trademark/plagiarism", "S8"), Map.entry("unauthorized advice", "S6"),
            // TRIDENT risk types
            Map.entry("privacy_violation", "S7"), Map.entry("legal_compliance", "S2"), Map.entry("fraud", "S2"));

    private static final Map<String, String> DOMAINS = Map.of(
            "cybercrime_intrusion", Domains.CYBER, "malware", Domains.CYBER,
            "suicide, self-harm, and eating disorders", Domains.SELF_HARM, "suicide and self harm", Domains.SELF_HARM);

    private CategoryHints() {
    }

    /** Hazard hints for one or more categories (comma-separated lists are split, Aegis style). */
    static List<String> hazards(String categories, boolean split) {
        List<String> out = new ArrayList<>();
        if (categories == null) {
            return out;
        }
        for (String c : split ? categories.split(",") : new String[] {categories}) {
            String hint = HAZARDS.get(c.trim().toLowerCase(Locale.ROOT));
            if (hint != null && !out.contains(hint)) {
                out.add(hint);
            }
        }
        return out;
    }

    /** The domain a category implies, or null. */
    static String domain(String category) {
        return category == null ? null : DOMAINS.get(category.trim().toLowerCase(Locale.ROOT));
    }
}
