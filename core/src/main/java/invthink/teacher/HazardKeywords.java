package invthink.teacher;

import invthink.avro.Prompt;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which hazard categories and professional domain apply to a prompt: the ingest stage's hints
 * ({@code Prompt.hazardHints}, {@code Prompt.domain}) when present, otherwise a small keyword
 * match on the text, so the offline teacher does something sensible for untagged prompts.
 */
public final class HazardKeywords {

    private static final Pattern CATEGORY_CODE = Pattern.compile("\\bS(\\d{1,2})\\b", Pattern.CASE_INSENSITIVE);
    private static final int MAX_GUESSED = 2;
    private static final Map<String, String> DOMAIN_ALIASES = Map.of(
            "medicine", "medicine", "medical", "medicine", "health", "medicine", "healthcare", "medicine",
            "finance", "finance", "financial", "finance",
            "law", "law", "legal", "law");
    private static final Map<HazardProfile, List<Pattern>> PATTERNS = new LinkedHashMap<>();

    static {
        for (HazardProfile p : HazardTaxonomy.categories()) {
            PATTERNS.put(p, compile(p.keywords()));
        }
        for (HazardProfile p : HazardTaxonomy.domains()) {
            PATTERNS.put(p, compile(p.keywords()));
        }
    }

    private HazardKeywords() {
    }

    private static List<Pattern> compile(List<String> keywords) {
        // Word start anchored, open end, so "diagnos" matches "diagnosis" but "kill" does not match "skill".
        return keywords.stream().map(k -> Pattern.compile("\\b" + Pattern.quote(k), Pattern.CASE_INSENSITIVE)).toList();
    }

    /** The hinted categories in hint order, or up to two guessed from the text; empty for a benign-looking prompt. */
    public static List<HazardProfile> categories(Prompt prompt) {
        List<HazardProfile> hinted = new ArrayList<>();
        for (CharSequence hint : prompt.getHazardHints()) {
            Matcher m = CATEGORY_CODE.matcher(hint);
            Optional<HazardProfile> profile = m.find() ? HazardTaxonomy.category("S" + Integer.parseInt(m.group(1)))
                    : HazardTaxonomy.categories().stream().filter(p -> p.label().equalsIgnoreCase(hint.toString().strip())).findFirst();
            profile.filter(p -> !hinted.contains(p)).ifPresent(hinted::add);
        }
        if (!hinted.isEmpty()) {
            return hinted;
        }
        return HazardTaxonomy.categories().stream()
                .map(p -> Map.entry(p, hits(p, prompt.getText())))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<HazardProfile, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(MAX_GUESSED)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** The stated domain when it is one we know, else the best keyword match, else none. */
    public static Optional<HazardProfile> domain(Prompt prompt) {
        if (prompt.getDomain() != null) {
            String alias = DOMAIN_ALIASES.get(prompt.getDomain().strip().toLowerCase(Locale.ROOT));
            if (alias != null) {
                return HazardTaxonomy.domain(alias);
            }
        }
        return HazardTaxonomy.domains().stream()
                .map(p -> Map.entry(p, hits(p, prompt.getText())))
                .filter(e -> e.getValue() > 0)
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey);
    }

    private static int hits(HazardProfile profile, CharSequence text) {
        int hits = 0;
        for (Pattern p : PATTERNS.get(profile)) {
            if (p.matcher(text).find()) {
                hits++;
            }
        }
        return hits;
    }
}
