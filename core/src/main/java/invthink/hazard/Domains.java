package invthink.hazard;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The domain names the pipeline uses, and the spellings datasets use for them. */
public final class Domains {

    public static final String MEDICINE = "medicine";
    public static final String FINANCE = "finance";
    public static final String LAW = "law";
    public static final String CYBER = "cyber";
    public static final String AGENTIC = "agentic";
    public static final String SELF_HARM = "self-harm";
    public static final String GENERAL = "general";

    /** Every domain, in the order ties are broken. */
    public static final List<String> ALL = List.of(SELF_HARM, MEDICINE, FINANCE, LAW, CYBER, AGENTIC, GENERAL);

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("med", MEDICINE), Map.entry("medical", MEDICINE), Map.entry("health", MEDICINE),
            Map.entry("healthcare", MEDICINE), Map.entry("medicine", MEDICINE),
            Map.entry("fin", FINANCE), Map.entry("financial", FINANCE), Map.entry("finance", FINANCE),
            Map.entry("economics", FINANCE),
            Map.entry("legal", LAW), Map.entry("law", LAW),
            Map.entry("cyber", CYBER), Map.entry("cybersecurity", CYBER), Map.entry("security", CYBER),
            Map.entry("cybercrime", CYBER), Map.entry("cybercrime_intrusion", CYBER),
            Map.entry("agentic", AGENTIC), Map.entry("agent", AGENTIC), Map.entry("tool-use", AGENTIC),
            Map.entry("self-harm", SELF_HARM), Map.entry("self_harm", SELF_HARM), Map.entry("selfharm", SELF_HARM),
            Map.entry("suicide", SELF_HARM),
            Map.entry("general", GENERAL), Map.entry("everyday", GENERAL));

    private Domains() {
    }

    /** The canonical name for a dataset's spelling, or null when it names no known domain. */
    public static String canonical(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        return ALIASES.get(name.trim().toLowerCase(Locale.ROOT));
    }
}
