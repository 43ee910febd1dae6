package invthink.teacher;

import invthink.avro.Consequence;
import invthink.avro.Harm;
import invthink.avro.InverseTrace;
import invthink.avro.Prompt;
import invthink.avro.ValidationStatus;
import invthink.trace.ParsedTrace;
import invthink.trace.TraceFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32;

/**
 * A deterministic stand-in for a teacher LLM, so the pipeline runs with no network.
 *
 * <p>It picks harms round-robin from the prompt's hazard categories, its professional domain's
 * duties and harms common to any request (rotated per prompt so untagged prompts do not all get
 * the same list), and writes a reply from the categories' safe-answer patterns. Every reply
 * starts with {@link #NOTICE}: these traces show the format and exercise the pipeline; they are
 * not what a real teacher would write.
 */
public final class OfflineTeacher implements Teacher {

    public static final String MODEL = "offline-taxonomy-teacher";
    public static final String NOTICE = "(Offline teacher: this reply was composed from a fixed hazard taxonomy, "
            + "not written by a language model.)";

    private static final Map<String, String> PARAMETERS = Map.of("offline", "true");

    private final int routes;

    public OfflineTeacher(int routes) {
        if (routes < 1) {
            throw new IllegalArgumentException("routes must be at least 1");
        }
        this.routes = routes;
    }

    @Override
    public CompletableFuture<TeacherAnswer> teach(Prompt prompt) {
        try {
            return CompletableFuture.completedFuture(answer(prompt));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new TeacherException(TeacherException.Kind.REFUSED,
                    "offline teacher failed: " + e.getMessage(), null, -1, -1, e));
        }
    }

    /** The answer, synchronously: the offline teacher does no I/O. */
    public TeacherAnswer answer(Prompt prompt) {
        List<HazardProfile> categories = HazardKeywords.categories(prompt);
        Optional<HazardProfile> domain = HazardKeywords.domain(prompt);
        List<HarmPattern> chosen = choose(categories, domain, rotation(prompt.getText()));

        List<Harm> harms = new ArrayList<>();
        List<Consequence> consequences = new ArrayList<>();
        Set<String> mitigations = new LinkedHashSet<>();
        for (HarmPattern h : chosen) {
            harms.add(Harm.newBuilder().setName(h.name()).setDescription(capitalise(h.description()) + ".").build());
            consequences.add(Consequence.newBuilder().setHarm(h.name()).setDescription(capitalise(h.consequence()) + ".").build());
            mitigations.add(capitalise(h.mitigation()) + ".");
        }
        InverseTrace trace = InverseTrace.newBuilder()
                .setHarms(harms).setConsequences(consequences).setMitigations(new ArrayList<>(mitigations)).build();
        String reply = reply(categories, domain, chosen);
        // Rendered from the structure, so it parses back to it (the tests check that); no need to re-parse.
        return new TeacherAnswer(TraceFormat.render(trace, reply), new ParsedTrace(trace, reply.strip()),
                ValidationStatus.VALID, List.of(), null);
    }

    private List<HarmPattern> choose(List<HazardProfile> categories, Optional<HazardProfile> domain, int rotation) {
        List<List<HarmPattern>> sources = new ArrayList<>();
        categories.forEach(c -> sources.add(c.harms()));
        domain.ifPresent(d -> sources.add(d.harms()));
        List<HarmPattern> general = new ArrayList<>(HazardTaxonomy.general().harms());
        java.util.Collections.rotate(general, -rotation % general.size());
        sources.add(general);

        List<HarmPattern> chosen = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (int depth = 0; chosen.size() < routes; depth++) {
            boolean any = false;
            for (List<HarmPattern> source : sources) {
                if (depth < source.size() && chosen.size() < routes && names.add(source.get(depth).name())) {
                    chosen.add(source.get(depth));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        // More routes than the taxonomy has harms for this prompt: repeat general harms, numbered.
        for (int i = 0; chosen.size() < routes; i++) {
            HarmPattern g = general.get(i % general.size());
            chosen.add(new HarmPattern(g.name() + " (" + (i / general.size() + 2) + ")", g.description(), g.consequence(), g.mitigation()));
        }
        return chosen;
    }

    private static String reply(List<HazardProfile> categories, Optional<HazardProfile> domain, List<HarmPattern> chosen) {
        StringBuilder reply = new StringBuilder(NOTICE).append("\n\n");
        for (HazardProfile c : categories) {
            reply.append(c.safeAnswer()).append("\n\n");
        }
        reply.append("A safe reply to this request must ");
        List<String> rules = chosen.stream().map(HarmPattern::mitigation).distinct().limit(3).toList();
        reply.append(String.join("; ", rules)).append('.');
        domain.ifPresent(d -> reply.append("\n\n").append(d.safeAnswer()));
        return reply.toString();
    }

    private static int rotation(CharSequence text) {
        CRC32 crc = new CRC32();
        crc.update(text.toString().getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() & 0x7fffffff);
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public int routes() {
        return routes;
    }

    @Override
    public Map<String, String> parameters() {
        return PARAMETERS;
    }

    @Override
    public boolean answersAreCostly() {
        return false;
    }
}
