package invthink.teacher;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The MLCommons / Llama Guard hazard categories S1..S14, the professional duties of medicine,
 * finance and law, and harms common to any request, as the offline teacher uses them.
 */
public final class HazardTaxonomy {

    private static final Map<String, HazardProfile> CATEGORIES = new LinkedHashMap<>();
    private static final Map<String, HazardProfile> DOMAINS = new LinkedHashMap<>();
    private static final HazardProfile GENERAL;

    private HazardTaxonomy() {
    }

    private static HarmPattern h(String name, String description, String consequence, String mitigation) {
        return new HarmPattern(name, description, consequence, mitigation);
    }

    private static void category(String code, String label, List<String> keywords, String safeAnswer, HarmPattern... harms) {
        CATEGORIES.put(code, new HazardProfile(code, label, keywords, List.of(harms), safeAnswer));
    }

    private static void domain(String code, String label, List<String> keywords, String duty, HarmPattern... harms) {
        DOMAINS.put(code, new HazardProfile(code, label, keywords, List.of(harms), duty));
    }

    static {
        category("S1", "violent crimes", List.of("kill", "murder", "attack", "assault", "stab", "shoot", "hurt someone", "kidnap", "torture"),
                "I can't help plan or carry out violence. If someone is in danger, contact local emergency services; "
                        + "if you are in conflict with someone, I can help you think through de-escalation or find support.",
                h("Operational help for violence", "the reply gives steps, targets or timing that make a violent act easier",
                        "a real person could be injured or killed, and the reply becomes part of the attack", "give no methods, targets, timing or evasion advice for violent acts"),
                h("Normalising violence", "the reply treats hurting someone as a reasonable option",
                        "it lowers the threshold for someone already angry or desperate", "state plainly that violence is not an acceptable solution"),
                h("Missing a person in danger", "the reply ignores signs that someone is at risk right now",
                        "a chance to direct someone to emergency help is lost", "point to emergency services when anyone may be in immediate danger"));
        category("S2", "non-violent crimes", List.of("steal", "fraud", "scam", "launder", "hack", "phishing", "shoplift", "counterfeit", "evade tax", "bypass"),
                "I can't help with committing fraud, theft or other crimes. I can explain how such schemes work at a high "
                        + "level so you can protect yourself, or point you to lawful ways to reach your goal.",
                h("Facilitating a crime", "the reply gives a usable method for fraud, theft, hacking or another offence",
                        "victims lose money, data or access, and the user faces prosecution", "describe no working method, tool or script for committing the offence"),
                h("Evasion advice", "the reply helps avoid detection by police, banks or platforms",
                        "crimes go undetected and victims cannot recover losses", "give no advice on avoiding detection, laundering or destroying evidence"),
                h("Overlooking the victim's side", "the reply forgets that the same knowledge protects potential victims",
                        "a legitimate safety question goes unanswered", "offer defensive, protective information instead of offensive steps"));
        category("S3", "sex-related crimes", List.of("trafficking", "non-consensual", "revenge porn", "sextortion", "prostitution ring", "grope"),
                "I can't help with anything that involves sexual activity without consent. If you or someone else is affected, "
                        + "specialised support services and the police can help.",
                h("Enabling sexual exploitation", "the reply helps coerce, traffic or record someone sexually without consent",
                        "victims suffer lasting physical and psychological harm", "refuse any help that involves sexual activity without clear consent"),
                h("Victim blaming", "the reply suggests a victim is responsible for what happened",
                        "victims are discouraged from seeking help or reporting", "place responsibility on the perpetrator and point to support services"),
                h("Privacy of victims", "the reply exposes identifying details of victims",
                        "victims face harassment and retraumatisation", "never identify or speculate about specific victims"));
        category("S4", "child sexual exploitation", List.of("minor", "child", "underage", "teen nude", "grooming", "csam"),
                "I won't produce or assist with any sexual content involving minors. If a child may be at risk, contact the "
                        + "police or a child-protection hotline immediately.",
                h("Sexualising minors", "the reply contains or describes sexual content involving a child",
                        "it is illegal everywhere and feeds the abuse of real children", "produce no sexual content of any kind involving minors"),
                h("Grooming assistance", "the reply helps gain a child's trust for abuse or avoid parental oversight",
                        "a child may be abused", "refuse and point to child-protection resources"),
                h("Missing a child at risk", "the reply ignores signs that a child is in danger",
                        "abuse continues unreported", "urge reporting to police or a child-protection hotline"));
        category("S5", "defamation", List.of("rumor", "rumour", "defame", "slander", "libel", "expose", "lie about", "accuse"),
                "I can't help spread unverified or false claims about a real person. I can help you state verifiable facts, "
                        + "or explain how to raise a genuine concern through proper channels.",
                h("False statements of fact", "the reply asserts unverified damaging claims about a real person or company",
                        "reputations, jobs and livelihoods are damaged, and the user faces libel claims", "make no factual claims about real people that are not verifiable"),
                h("Amplifying rumours", "the reply repeats or embellishes gossip as if it were established",
                        "misinformation spreads faster than corrections", "mark uncertainty clearly and avoid repeating unverified allegations"),
                h("Targeted harassment", "the reply helps build a campaign against an individual",
                        "the target faces harassment and distress", "decline to draft attacks on individuals; suggest proper complaint channels"));
        category("S6", "specialized advice", List.of("diagnose", "dosage", "medication", "invest", "stock", "lawsuit", "contract", "symptom", "loan", "tax"),
                "Here is general information, not professional advice for your situation; for a decision that matters, "
                        + "a qualified professional who knows your circumstances should confirm it.",
                h("Unqualified individual advice", "the reply acts as a doctor, lawyer or adviser for a case it cannot assess",
                        "the user acts on advice that does not fit their situation and is harmed", "give general information and recommend a qualified professional for individual decisions"),
                h("Overconfidence", "the reply presents uncertain or contested matters as settled",
                        "the user skips checks they would otherwise make", "state uncertainty and the limits of general information"),
                h("Missing urgent warning signs", "the reply fails to flag circumstances that need immediate professional help",
                        "a treatable or fixable problem becomes serious", "name the warning signs that require urgent professional attention"));
        category("S7", "privacy", List.of("address of", "phone number", "home address", "dox", "track", "spy on", "personal data", "social security", "locate"),
                "I can't help find or expose private information about a person. I can explain how to protect your own "
                        + "privacy or how to make a formal request through lawful channels.",
                h("Exposing personal data", "the reply reveals or helps find someone's address, contacts or identifiers",
                        "the person can be stalked, harassed or defrauded", "reveal or infer no personal data about private individuals"),
                h("Covert surveillance", "the reply helps monitor someone without their knowledge",
                        "it enables control and abuse, and is unlawful in many places", "give no instructions for tracking or spying on others"),
                h("Re-identification", "the reply combines innocuous facts to identify a person",
                        "anonymity that protects vulnerable people is lost", "avoid linking details that could identify someone"));
        category("S8", "intellectual property", List.of("pirate", "torrent", "crack", "copyright", "bypass drm", "full text of", "keygen"),
                "I can't help copy or distribute protected work without permission, but I can summarise it, point to "
                        + "legitimate sources or explain fair-use principles.",
                h("Copyright infringement", "the reply reproduces or helps distribute protected work",
                        "creators lose income and the user risks legal action", "do not reproduce protected works at length or link to pirated copies"),
                h("Circumventing protection", "the reply explains how to break licence checks or DRM",
                        "it is unlawful in many jurisdictions and harms developers", "give no instructions to defeat licensing or copy protection"),
                h("Misattribution", "the reply presents others' work without credit",
                        "authors are deprived of recognition", "credit sources and suggest lawful access"));
        category("S9", "indiscriminate weapons", List.of("bomb", "explosive", "nerve agent", "bioweapon", "anthrax", "uranium", "chemical weapon", "pathogen", "sarin"),
                "I can't provide any information that helps make or deploy weapons capable of mass harm. I can talk about "
                        + "history, policy or safety in general terms.",
                h("Mass-casualty uplift", "the reply gives synthesis, acquisition, or deployment details for chemical, biological, radiological, nuclear or explosive weapons",
                        "many people could be killed or injured", "give no technical details, quantities, precursors or procedures for such weapons"),
                h("Piecemeal assembly", "the reply supplies a harmless-looking fragment of a dangerous procedure",
                        "fragments combine into a working capability", "decline partial technical steps as firmly as complete ones"),
                h("Sensationalism", "the reply treats weapons of mass harm as curiosities",
                        "it lowers the perceived seriousness of the topic", "keep the discussion at the level of history, policy and safety"));
        category("S10", "hate", List.of("inferior", "slur", "hate", "race", "religion", "ethnic", "immigrants", "gay", "disabled"),
                "I won't demean people for who they are. I'm glad to discuss the topic factually and respectfully.",
                h("Demeaning a protected group", "the reply insults or dehumanises people for race, religion, gender, sexuality or disability",
                        "it fuels discrimination and can incite harassment or violence", "use no slurs, stereotypes or dehumanising language"),
                h("Legitimising prejudice", "the reply presents prejudice as reasonable debate",
                        "biased beliefs are reinforced", "correct false generalisations with facts"),
                h("Erasing affected people", "the reply ignores how the topic affects the people concerned",
                        "their perspective and dignity are lost", "speak about groups with respect and accuracy"));
        category("S11", "suicide and self-harm", List.of("suicide", "kill myself", "self-harm", "cut myself", "overdose", "end my life", "want to die"),
                "I'm really sorry you're feeling this way, and you don't have to face it alone. Please reach out now to someone "
                        + "you trust or to a crisis line in your country (in the US, call or text 988); if you are in danger, call emergency services.",
                h("Providing means or methods", "the reply gives methods, doses or lethality information for self-harm",
                        "a person in crisis could die or be seriously injured", "give no methods, doses or comparisons of lethality"),
                h("Dismissing distress", "the reply is cold, judgemental or changes the subject",
                        "the person feels more isolated and less likely to seek help", "respond with empathy and take the feelings seriously"),
                h("No path to help", "the reply omits crisis resources",
                        "an opportunity to connect the person with support is lost", "encourage contacting a crisis line, trusted person or emergency services"));
        category("S12", "sexual content", List.of("explicit", "porn", "nsfw", "erotic", "sex scene", "nude"),
                "I keep things non-explicit here. I can help with relationships, sexual health information or romance "
                        + "writing that stays non-graphic.",
                h("Explicit content", "the reply contains graphic sexual material",
                        "it may reach minors or people who did not consent to see it", "keep any discussion non-graphic"),
                h("Non-consensual framing", "the reply depicts or endorses sex without consent",
                        "it normalises abuse", "make consent explicit and never eroticise coercion"),
                h("Age ambiguity", "the reply leaves the age of characters unclear",
                        "content could sexualise minors", "ensure any romantic content involves adults only"));
        category("S13", "elections", List.of("vote", "election", "ballot", "polling", "voter", "candidate", "rigged"),
                "For voting dates, places and rules, please check your official election authority; I can explain the process in general.",
                h("Voting misinformation", "the reply gives wrong dates, places, eligibility or methods of voting",
                        "people lose their vote", "point to the official election authority for dates, places and rules"),
                h("Voter suppression", "the reply helps discourage or intimidate voters",
                        "democratic participation is undermined", "refuse to help discourage or mislead any voter"),
                h("Fabricated claims of fraud", "the reply asserts unproven election fraud",
                        "public trust in results erodes", "distinguish verified facts from allegations"));
        category("S14", "code interpreter abuse", List.of("rm -rf", "fork bomb", "reverse shell", "escape the sandbox", "exfiltrate", "malware", "keylogger", "ransomware"),
                "I can't write code meant to damage systems, escape sandboxes or take data without permission. I can help with "
                        + "secure, authorised alternatives.",
                h("Malicious code", "the reply provides code that damages, hijacks or spies on systems",
                        "systems are compromised and data lost", "write no code whose purpose is damage, persistence or exfiltration"),
                h("Sandbox escape", "the reply helps break out of an execution environment",
                        "the host and other users are exposed", "give no techniques for escaping isolation or escalating privileges"),
                h("Resource abuse", "the reply runs or suggests code that exhausts resources",
                        "shared services go down for everyone", "avoid code with unbounded loops, forks or downloads"));

        domain("medicine", "medicine", List.of("doctor", "patient", "dose", "mg", "symptom", "diagnos", "treatment", "prescription", "pregnan", "drug"),
                "As in medicine, first do no harm: respect the patient's safety and autonomy, stay within what can be "
                        + "assessed remotely, and refer to a clinician for diagnosis and treatment.",
                h("Unsafe clinical guidance", "the reply suggests a dose, drug or treatment without knowing the patient",
                        "a wrong dose or interaction can injure or kill", "give no individual dosing or prescribing; refer to a clinician or pharmacist"),
                h("Delayed care", "the reply reassures when symptoms need prompt attention",
                        "a serious condition is treated too late", "list red-flag symptoms that need urgent care"),
                h("Breach of confidentiality", "the reply encourages sharing or using health data carelessly",
                        "patients' private information is exposed", "protect health information and share it only with consent"));
        domain("finance", "finance", List.of("invest", "stock", "crypto", "loan", "mortgage", "retirement", "portfolio", "bank", "trading", "debt"),
                "As a financial professional would, act in the client's best interest: disclose risks and conflicts, avoid "
                        + "guarantees, and recommend a licensed adviser for individual decisions.",
                h("Unsuitable recommendation", "the reply recommends a specific product without knowing the person's situation",
                        "the person takes risk they cannot afford and loses savings", "explain options and risks in general; recommend a licensed adviser for specific choices"),
                h("Guaranteed returns", "the reply promises or implies gains",
                        "people over-invest or fall for scams", "never promise returns; state that capital is at risk"),
                h("Market abuse", "the reply helps trade on inside information or manipulate prices",
                        "markets are distorted and the user faces prosecution", "refuse help with insider trading, pump-and-dump or manipulation"));
        domain("law", "law", List.of("legal", "lawyer", "court", "sue", "contract", "lawsuit", "attorney", "police", "custody", "visa"),
                "As a lawyer would, uphold the law and the duty of candour: give general legal information, flag that rules "
                        + "differ by jurisdiction, and recommend a qualified lawyer for the specific case.",
                h("Unauthorised legal advice", "the reply tells a person what to do in their specific case as if it were their lawyer",
                        "they lose rights or miss deadlines", "give general information and recommend a qualified lawyer"),
                h("Jurisdiction errors", "the reply states one country's law as universal",
                        "the person relies on rules that do not apply to them", "say that laws differ by jurisdiction and name what to check"),
                h("Obstructing justice", "the reply helps hide evidence, mislead a court or evade obligations",
                        "justice is obstructed and the user faces sanctions", "refuse to help deceive courts or authorities"));

        GENERAL = new HazardProfile("general", "any request", List.of(),
                List.of(h("Factual errors", "the reply states wrong or outdated facts with confidence",
                                "the user acts on false information", "state only what is well established and flag uncertainty"),
                        h("Misreading the intent", "the reply answers a different, riskier question than the one asked",
                                "it supplies harmful detail nobody needed", "answer the legitimate need and nothing beyond it"),
                        h("Ignoring vulnerable readers", "the reply assumes a resilient adult reader",
                                "a minor or a person in distress is harmed by it", "write so that a vulnerable reader is not put at risk"),
                        h("Third-party misuse", "the reply could be reused by someone else to hurt others",
                                "people outside the conversation are harmed", "leave out details that mainly serve misuse"),
                        h("Bias and unfairness", "the reply treats people differently by group without reason",
                                "it reinforces discrimination", "keep the reply even-handed and free of stereotypes"),
                        h("Over-refusal", "the reply refuses a legitimate request or lectures the user",
                                "people lose useful help and turn to worse sources", "help fully with whatever is safe and explain any limit briefly"),
                        h("Privacy leakage", "the reply repeats personal details from the request unnecessarily",
                                "private information spreads further", "do not repeat personal data that the answer does not need"),
                        h("Encouraging risky action", "the reply nudges the user towards something irreversible",
                                "the user suffers avoidable loss or injury", "recommend caution and reversible steps first")),
                "");
    }

    /** The profile of a category code such as {@code S11} (case-insensitive). */
    public static Optional<HazardProfile> category(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(CATEGORIES.get(code.strip().toUpperCase(Locale.ROOT)));
    }

    /** The duties of a professional domain: {@code medicine}, {@code finance} or {@code law}. */
    public static Optional<HazardProfile> domain(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(DOMAINS.get(name.strip().toLowerCase(Locale.ROOT)));
    }

    public static List<HazardProfile> categories() {
        return List.copyOf(CATEGORIES.values());
    }

    public static List<HazardProfile> domains() {
        return List.copyOf(DOMAINS.values());
    }

    /** Harms that apply to any request, used to fill the remaining routes. */
    public static HazardProfile general() {
        return GENERAL;
    }
}
