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

    /** @param domain for a domain rule, its position in {@link Domains#ALL} (-1: none there) */
    private record CompiledRule(Rule rule, int[][] groups, int[] unless, int domain) {
    }

    private final TermMatcher matcher = new TermMatcher();
    private final Map<String, Integer> termIds = new HashMap<>();
    /** Domain rules first, then hazard rules, each in table order: the order rules fire in. */
    private final CompiledRule[] rules;
    private final int domainRules;
    /** Per term id, the rules with the term in one of their groups: only those can fire. */
    private final int[][] rulesByTerm;
    /** Rules without groups: nothing has to be found for them. */
    private final BitSet unconditional = new BitSet();

    public HazardClassifier() {
        this(HazardRules.ALL);
    }

    public HazardClassifier(List<Rule> rules) {
        List<CompiledRule> domain = new ArrayList<>();
        List<CompiledRule> hazard = new ArrayList<>();
        for (Rule r : rules) {
            int[][] groups = r.groups().stream().map(this::ids).toArray(int[][]::new);
            int domainIndex = r.domain() == null ? -1 : Domains.ALL.indexOf(r.domain());
            CompiledRule compiled = new CompiledRule(r, groups, ids(r.unless()), domainIndex);
            (r.hazard() != null ? hazard : domain).add(compiled);
        }
        this.domainRules = domain.size();
        domain.addAll(hazard);
        this.rules = domain.toArray(CompiledRule[]::new);
        List<BitSet> byTerm = new ArrayList<>();
        for (int i = 0; i < termIds.size(); i++) {
            byTerm.add(new BitSet());
        }
        for (int r = 0; r < this.rules.length; r++) {
            if (this.rules[r].groups().length == 0) {
                unconditional.set(r);
            }
            for (int[] group : this.rules[r].groups()) {
                for (int id : group) {
                    byTerm.get(id).set(r);
                }
            }
        }
        this.rulesByTerm = byTerm.stream().map(b -> b.stream().toArray()).toArray(int[][]::new);
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
        // Most texts hold a few terms, if any: look only at the rules those terms appear in.
        BitSet candidates = (BitSet) unconditional.clone();
        for (int t = found.nextSetBit(0); t >= 0; t = found.nextSetBit(t + 1)) {
            for (int r : rulesByTerm[t]) {
                candidates.set(r);
            }
        }
        List<String> fired = new ArrayList<>();
        String domain = Domains.canonical(knownDomain);
        if (domain == null) {
            domain = vote(found, candidates, fired);
        }
        Set<HazardCategory> hazards = EnumSet.noneOf(HazardCategory.class);
        for (int r = candidates.nextSetBit(domainRules); r >= 0; r = candidates.nextSetBit(r + 1)) {
            CompiledRule c = rules[r];
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

    private String vote(BitSet found, BitSet candidates, List<String> fired) {
        int[] votes = new int[Domains.ALL.size()];
        for (int r = candidates.nextSetBit(0); r >= 0 && r < domainRules; r = candidates.nextSetBit(r + 1)) {
            CompiledRule c = rules[r];
            int n = 0;
            for (int[] group : c.groups()) {
                for (int id : group) {
                    if (found.get(id)) {
                        n++;
                    }
                }
            }
            if (n > 0 && !any(c.unless(), found)) {
                if (c.domain() >= 0) {
                    votes[c.domain()] += n;
                }
                fired.add(c.rule().name());
            }
        }
        String best = Domains.GENERAL;
        int bestVotes = 0;
        for (int d = 0; d < votes.length; d++) {
            if (votes[d] > bestVotes) {
                best = Domains.ALL.get(d);
                bestVotes = votes[d];
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
