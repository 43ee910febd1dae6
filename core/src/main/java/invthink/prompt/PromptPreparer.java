package invthink.prompt;

import invthink.avro.HazardCategory;
import invthink.avro.Prompt;
import invthink.hazard.Assessment;
import invthink.hazard.HazardClassifier;
import invthink.redact.Redacted;
import invthink.redact.Redactor;
import invthink.text.TextNormalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a {@link Candidate} into a {@link Prompt}: normalise, refuse empty or oversized text,
 * redact, hash, classify. Oversized prompts are refused whole rather than cut, because a cut
 * prompt is a different prompt. Thread-safe.
 */
public final class PromptPreparer {

    /** Default maximum prompt size in UTF-8 bytes after normalisation. */
    public static final int DEFAULT_MAX_PROMPT_BYTES = 32 * 1024;

    private final int maxPromptBytes;
    private final Redactor redactor;
    private final HazardClassifier classifier;
    private final CleanedTexts systemPrompts = new CleanedTexts(this::clean);

    public PromptPreparer() {
        this(DEFAULT_MAX_PROMPT_BYTES);
    }

    public PromptPreparer(int maxPromptBytes) {
        this(maxPromptBytes, new Redactor(), new HazardClassifier());
    }

    public PromptPreparer(int maxPromptBytes, Redactor redactor, HazardClassifier classifier) {
        if (maxPromptBytes <= 0) {
            throw new IllegalArgumentException("maximum prompt size must be positive, got " + maxPromptBytes);
        }
        this.maxPromptBytes = maxPromptBytes;
        this.redactor = redactor;
        this.classifier = classifier;
    }

    public int maxPromptBytes() {
        return maxPromptBytes;
    }

    public Redactor redactor() {
        return redactor;
    }

    public Prepared prepare(Candidate candidate, Instant receivedAt) {
        Objects.requireNonNull(candidate.source(), "a candidate's source");
        Objects.requireNonNull(receivedAt, "receivedAt");
        String normalized = TextNormalizer.normalize(candidate.text());
        if (normalized.isEmpty()) {
            return refused(Refusal.EMPTY, "prompt is empty after normalisation");
        }
        int bytes = utf8Length(normalized);
        if (bytes > maxPromptBytes) {
            return refused(Refusal.OVERSIZED, "prompt is " + bytes + " bytes, over the limit of " + maxPromptBytes);
        }
        Redacted redacted = redactor.redact(normalized);
        Map<String, Integer> counts = new HashMap<>(redacted.counts());
        Map<String, String> metadata = new HashMap<>(candidate.metadata());
        String system = null;
        if (candidate.systemPrompt() != null) {
            Redacted sys = systemPrompts.get(candidate.systemPrompt());
            sys.counts().forEach((k, v) -> counts.merge(k, v, Integer::sum));
            system = sys.text().isEmpty() ? null : sys.text();
            if (system != null) {
                metadata.put(PromptMetadata.SYSTEM_PROMPT, system);
            }
        }
        Assessment assessment = classifier.assess(redacted.text(), candidate.domain());
        EnumSet<HazardCategory> hints = EnumSet.noneOf(HazardCategory.class);
        hints.addAll(assessment.hazards());
        for (String hint : candidate.hazardHints()) {
            HazardCategory c = category(hint);
            if (c != null) {
                hints.add(c);
            }
        }
        if (!assessment.rules().isEmpty()) {
            metadata.put(PromptMetadata.HAZARD_RULES, String.join(",", assessment.rules()));
        }
        // An EnumSet iterates in declaration order, S1 to S14: the sorted order the record promises.
        List<String> hintNames = new ArrayList<>(hints.size());
        for (HazardCategory c : hints) {
            hintNames.add(c.name());
        }
        // The all-fields constructor, not the builder: the builder validates and copies each field
        // again, and every field here is set.
        Prompt prompt = new Prompt(PromptIds.of(system, redacted.text()), redacted.text(), candidate.source(),
                assessment.domain(), hintNames, receivedAt, counts, metadata);
        return new Prepared(prompt, null);
    }

    /** Redacts and normalises any other text that travels with a prompt (a model's response). */
    public Redacted clean(String text) {
        return redactor.redact(TextNormalizer.normalize(text));
    }

    private static HazardCategory category(String hint) {
        try {
            return HazardCategory.valueOf(hint.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Prepared refused(String code, String reason) {
        return new Prepared(null, new Refusal(code, reason));
    }

    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
