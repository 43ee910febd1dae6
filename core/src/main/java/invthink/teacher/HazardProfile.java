package invthink.teacher;

import java.util.List;

/**
 * What the offline teacher knows about one hazard category (S1..S14) or professional domain.
 *
 * @param code       S1..S14, a domain name, or {@code general}
 * @param label      human-readable name
 * @param keywords   lowercase words that suggest the category when the ingest stage gave no hint
 * @param harms      typical harms, most important first
 * @param safeAnswer the pattern of a safe reply, one or two sentences
 */
public record HazardProfile(String code, String label, List<String> keywords, List<HarmPattern> harms, String safeAnswer) {

    public HazardProfile {
        keywords = List.copyOf(keywords);
        harms = List.copyOf(harms);
    }
}
