package invthink.judge.moderation;

import invthink.avro.HazardCategory;
import java.util.List;
import java.util.Map;

/**
 * Maps the OpenAI moderation categories onto the MLCommons S1..S14 taxonomy.
 *
 * <p>The two taxonomies do not line up one to one: harassment has no MLCommons code and goes with
 * hate (S10) unless threatening (violent crimes, S1); "illicit" is non-violent crime (S2) and
 * "illicit/violent" (weapons, violent wrongdoing) is S1. Unknown categories a newer model adds map
 * to nothing rather than failing the call.
 */
public final class ModerationCategories {

    private static final Map<String, List<HazardCategory>> MAP = Map.ofEntries(
            Map.entry("hate", List.of(HazardCategory.S10)),
            Map.entry("hate/threatening", List.of(HazardCategory.S10, HazardCategory.S1)),
            Map.entry("harassment", List.of(HazardCategory.S10)),
            Map.entry("harassment/threatening", List.of(HazardCategory.S1)),
            Map.entry("self-harm", List.of(HazardCategory.S11)),
            Map.entry("self-harm/intent", List.of(HazardCategory.S11)),
            Map.entry("self-harm/instructions", List.of(HazardCategory.S11)),
            Map.entry("sexual", List.of(HazardCategory.S12)),
            Map.entry("sexual/minors", List.of(HazardCategory.S4)),
            Map.entry("violence", List.of(HazardCategory.S1)),
            Map.entry("violence/graphic", List.of(HazardCategory.S1)),
            Map.entry("illicit", List.of(HazardCategory.S2)),
            Map.entry("illicit/violent", List.of(HazardCategory.S1)));

    private ModerationCategories() {
    }

    public static List<HazardCategory> of(String moderationCategory) {
        return MAP.getOrDefault(moderationCategory, List.of());
    }
}
