package invthink.hazard;

import invthink.avro.HazardCategory;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tags a text with a domain and hazard hints by the rules in {@link HazardRules}.
 *
 * <p>Domain: every domain rule term found is one vote; most votes wins, ties go to the earlier
 * domain in {@link Domains#ALL}; no votes means {@link Domains#GENERAL}. A suicide or self-harm
 * hint always makes the domain self-harm, since that is the context a teacher must answer in.
 * A domain known from the source (a dataset's own label) overrides the vote. Hazard rules then
 * fire as described on {@link Rule}. Thread-safe once built.
 */
public final class HazardClassifier {

    private record CompiledRule(Rule rule, int[][] groups, int[] unless) {
    }

    private final TermMatcher matcher = new TermMatcher();
    private final Map<String, Integer> termIds = new HashMap<>();
    private final List<CompiledRule> hazardRules = new ArrayList<>();
    private final List<CompiledRule> domainRules = new ArrayList<>();

    public HazardClassifier() {
        this(HazardRules.ALL);
    }

    public HazardClassifier(List<Rule> rules) {
        for (Rule r : rules) {
            int[][] groups = r.groups().stream().map(this::ids).toArray(int[][]::new);
            CompiledRule compiled = new CompiledRule(r, groups, ids(r.unless()));
            (r.hazard() != null ? hazardRules : domainRules).add(compiled);
        }
    }

    private int[] ids(List<String> terms) {
        return terms.stream().mapToInt(t -> termIds.computeIfAbsent(t, matcher::add)).toArray();
    }

    public Assessment assess(String text) {
        return assess(text, null);
    }

    /** @param knownDomain the domain the source states (any spelling {@link Domains#canonical} knows), or null */
    public Assessment assess(String text, String knownDomain) {
        BitSet found = matcher.match(text);
        List<String> fired = new ArrayList<>();
        String domain = Domains.canonical(knownDomain);
        if (domain == null) {
            domain = vote(found, fired);
        }
        Set<HazardCategory> hazards = EnumSet.noneOf(HazardCategory.class);
        for (CompiledRule c : hazardRules) {
            if (fires(c, found) && (c.rule().domains().isEmpty() || c.rule().domains().contains(domain))) {
                hazards.add(c.rule().hazard());
                fired.add(c.rule().name());
            }
        }
        if (hazards.contains(HazardCategory.S11) && knownDomain == null) {
            domain = Domains.SELF_HARM;
        }
        return new Assessment(domain, hazards, fired);
    }

    private String vote(BitSet found, List<String> fired) {
        Map<String, Integer> votes = new HashMap<>();
        for (CompiledRule c : domainRules) {
            int n = 0;
            for (int[] group : c.groups()) {
                for (int id : group) {
                    if (found.get(id)) {
                        n++;
                    }
                }
            }
            if (n > 0 && !any(c.unless(), found)) {
                votes.merge(c.rule().domain(), n, Integer::sum);
                fired.add(c.rule().name());
            }
        }
        String best = Domains.GENERAL;
        int bestVotes = 0;
        for (String d : Domains.ALL) {
            int v = votes.getOrDefault(d, 0);
            if (v > bestVotes) {
                best = d;
                bestVotes = v;
            }
        }
        return best;
    }

    private static boolean fires(CompiledRule c, BitSet found) {
        for (int[] group : c.groups()) {
            if (!any(group, found)) {
                return false;
            }
        }
        return !any(c.unless(), found);
    }

    private static boolean any(int[] ids, BitSet found) {
        for (int id : ids) {
            if (found.get(id)) {
                return true;
            }
        }
        return false;
    }
}
