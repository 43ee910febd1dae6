package invthink.hazard;

import invthink.avro.HazardCategory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One named rule: it fires when every group has at least one of its terms in the text, none of
 * the {@code unless} terms occurs, and (when {@code domains} is not empty) the prompt's domain is
 * one of them. A rule either suggests a hazard category or votes for a domain.
 *
 * @param name    stable name, recorded on the prompt when it fires
 * @param hazard  the hazard suggested, or null for a domain rule
 * @param domain  the domain voted for, or null for a hazard rule
 * @param groups  term groups, all of which must match
 * @param unless  terms that veto the rule (benign look-alikes)
 * @param domains for hazard rules, domains the rule is limited to; empty for any
 */
public record Rule(String name, HazardCategory hazard, String domain, List<List<String>> groups, List<String> unless,
                   Set<String> domains) {

    public Rule {
        groups = groups.stream().map(List::copyOf).toList();
        unless = List.copyOf(unless);
        domains = Set.copyOf(domains);
    }

    static Builder hazard(String name, HazardCategory hazard) {
        return new Builder(name, hazard, null);
    }

    static Builder domain(String name, String domain) {
        return new Builder(name, null, domain);
    }

    /** Builds a rule in the table's vocabulary: any(...) per group, unless(...), onlyIn(...). */
    static final class Builder {
        private final String name;
        private final HazardCategory hazard;
        private final String domain;
        private final List<List<String>> groups = new ArrayList<>();
        private final List<String> unless = new ArrayList<>();
        private Set<String> domains = Set.of();

        private Builder(String name, HazardCategory hazard, String domain) {
            this.name = name;
            this.hazard = hazard;
            this.domain = domain;
        }

        Builder any(String... terms) {
            groups.add(List.of(terms));
            return this;
        }

        Builder unless(String... terms) {
            unless.addAll(List.of(terms));
            return this;
        }

        Builder onlyIn(String... domainNames) {
            domains = Set.of(domainNames);
            return this;
        }

        Rule build() {
            return new Rule(name, hazard, domain, groups, unless, domains);
        }
    }
}
