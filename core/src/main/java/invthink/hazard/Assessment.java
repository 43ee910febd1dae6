package invthink.hazard;

import invthink.avro.HazardCategory;
import java.util.List;
import java.util.Set;

/**
 * What the classifier thinks of a text.
 *
 * @param domain  the domain it belongs to, {@link Domains#GENERAL} when nothing pointed elsewhere
 * @param hazards suggested hazard categories, in S1..S14 order
 * @param rules   names of the rules that fired (domain rules included), for explanation
 */
public record Assessment(String domain, Set<HazardCategory> hazards, List<String> rules) {

    public Assessment {
        // An EnumSet copy: Set.copyOf built a hash set first, a measurable share of ingest's time.
        hazards = hazards.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(hazards));
        rules = List.copyOf(rules);
    }

    /** The hazard hints as strings, in S1..S14 order: what {@code Prompt.hazardHints} carries. */
    public List<String> hazardHints() {
        return hazards.stream().sorted().map(HazardCategory::name).toList();
    }
}
