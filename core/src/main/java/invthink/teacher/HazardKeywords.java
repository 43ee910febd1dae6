package invthink.teacher;

import invthink.avro.Prompt;
import java.util.ArrayList;
import java.util.Comparator;
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
    private HazardKeywords() {
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
        String text = prompt.getText().toLowerCase(Locale.ROOT);
        return HazardTaxonomy.categories().stream()
                .map(p -> Map.entry(p, hits(p, text)))
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
        String text = prompt.getText().toLowerCase(Locale.ROOT);
        return HazardTaxonomy.domains().stream()
                .map(p -> Map.entry(p, hits(p, text)))
                .filter(e -> e.getValue() > 0)
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey);
    }

    /**
     * Keywords of the profile found in the lowercased text, each counted once. A keyword must
     * start a word ("kill" is not found in "skill") but may end inside one ("diagnos" matches
     * "diagnosis"). Plain scanning: this runs for every prompt of the offline teacher.
     */
    private static int hits(HazardProfile profile, String lowerText) {
        int hits = 0;
        for (String keyword : profile.keywords()) {
            for (int at = lowerText.indexOf(keyword); at >= 0; at = lowerText.indexOf(keyword, at + 1)) {
                if (at == 0 || !Character.isLetterOrDigit(lowerText.charAt(at - 1))) {
                    hits++;
                    break;
                }
            }
        }
        return hits;
    }
}
