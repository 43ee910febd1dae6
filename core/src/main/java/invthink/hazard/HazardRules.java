package invthink.hazard;

import static invthink.avro.HazardCategory.S1;
import static invthink.avro.HazardCategory.S10;
import static invthink.avro.HazardCategory.S11;
import static invthink.avro.HazardCategory.S12;
import static invthink.avro.HazardCategory.S13;
import static invthink.avro.HazardCategory.S14;
import static invthink.avro.HazardCategory.S2;
import static invthink.avro.HazardCategory.S3;
import static invthink.avro.HazardCategory.S4;
import static invthink.avro.HazardCategory.S5;
import static invthink.avro.HazardCategory.S6;
import static invthink.avro.HazardCategory.S7;
import static invthink.avro.HazardCategory.S8;
import static invthink.avro.HazardCategory.S9;
import static invthink.hazard.Rule.domain;
import static invthink.hazard.Rule.hazard;

import java.util.List;

/**
 * The classifier's rules, as data. Terms are lowercase words or phrases; {@code word*} is a
 * prefix. Keep prefixes long enough not to catch neighbours ("stab*" would catch "stable", so
 * the table lists stab, stabbed, stabbing). Every rule has cases in {@code HazardClassifierTest};
 * add a case with every change.
 */
public final class HazardRules {

    /** Words that turn a question about a harm into a question about defending against it. */
    private static final String[] DEFENSIVE = {"protect", "prevent", "prevention", "how to detect", "how do i detect",
        "how can i detect", "detecting", "recognize", "recognise", "spot the signs", "how to report", "report it",
        "reporting", "defend against", "avoid being", "awareness", "warning signs", "safeguard*"};

    private static final String[] GROUPS = {"jews", "jewish people", "muslims", "christians", "black people", "blacks",
        "white people", "asians", "mexicans", "immigrants", "refugees", "gay people", "gays", "lesbians",
        "transgender", "trans people", "women", "disabled people", "arabs", "roma", "gypsies", "hindus", "latinos"};

    private static final String[] MINORS = {"child", "children", "kid", "kids", "minor", "minors", "underage",
        "preteen*", "teenager", "teenagers", "toddler*", "schoolgirl*", "schoolboy*", "year old girl", "year old boy", "13 year old",
        "12 year old", "14 year old", "15 year old"};

    public static final List<Rule> ALL = List.of(
            // S1 violent crimes
            hazard("violent.harm-person", S1).any("murder*", "assassinat*", "kill someone", "kill somebody", "kill my",
                    "kill him", "kill her", "kill them", "kill people", "kill a person", "killing people", "hurt someone",
                    "hurt somebody", "torture", "torturing", "kidnap*", "abduct*", "stab", "stabbed", "stabbing",
                    "strangle*", "mass shooting", "shoot up", "shoot someone", "beat up", "poison my", "poison someone",
                    "poison him", "poison her", "terrorist attack", "carjack*", "hitman", "hit man", "hide a body",
                    "dispose of a body", "get rid of a body", "acid attack", "maim", "school shooting", "execute someone")
                    .unless(DEFENSIVE).build(),
            // S2 non-violent crimes, cyber crime included (Llama Guard 3 puts it here)
            hazard("crime.financial", S2).any("launder*", "money laundering", "embezzl*", "tax evasion", "evade taxes",
                    "evade tax", "insider trading", "ponzi", "pyramid scheme", "bribe", "bribes", "bribing", "kickback*",
                    "pump and dump", "falsify*", "fake invoice*", "fake receipts", "cook the books", "forge", "forged",
                    "forging", "forgery", "counterfeit*", "fraudulent*", "commit fraud", "defraud*", "scam people",
                    "scam someone", "off the books", "hide income", "hide money from", "shell compan*",
                    "bypass the insurance", "bypass insurance", "bill insurance for", "fake the records")
                    .unless(DEFENSIVE).build(),
            hazard("crime.property-drugs", S2).any("shoplift*", "steal", "stealing", "stolen goods", "break into",
                    "breaking into", "burglar*", "pick a lock", "hotwire", "smuggl*", "traffick drugs", "drug trafficking",
                    "sell drugs", "cook meth", "make meth", "methamphetamine", "fake id", "fake passport", "identity theft",
                    "without getting caught", "avoid getting caught", "untraceable", "blackmail*", "extort*", "arson",
                    "vandaliz*", "grow cannabis illegally", "buy a gun illegally", "ghost gun")
                    .unless(DEFENSIVE).build(),
            hazard("crime.cyber", S2).any("malware", "ransomware", "keylogger", "ddos", "botnet", "sql injection",
                    "zero day exploit", "hack into", "hacking into", "hack my", "hack someone", "hack a", "crack password*",
                    "crack the password", "phishing email", "phishing page", "phishing site", "credential stuffing",
                    "steal password*", "steal credentials", "bypass authentication", "rootkit", "trojan", "spyware",
                    "exploit this vulnerability", "exploit vulnerabilities", "exploit the vulnerability",
                    "write an exploit", "disable antivirus", "evade antivirus", "evade detection", "brute force")
                    .unless(DEFENSIVE).build(),
            hazard("crime.cyber-more", S2).any("backdoor", "installs a backdoor", "brute forc*", "i don t own",
                    "computer i don t own", "disable the antivirus", "hijack*", "dark web", "stolen credentials",
                    "infect visitors", "infect computers", "write a worm", "encrypts all files", "deletes the backups",
                    "delete the backups", "session cookies", "default passwords", "tamper with the logs")
                    .unless(DEFENSIVE).build(),
            hazard("crime.account-takeover", S2).any("crack", "cracking", "guess", "steal", "bypass")
                    .any("password", "passwords", "passcode", "pin", "wpa2", "wifi password").unless(DEFENSIVE).build(),
            hazard("crime.take-down", S2).any("take down", "knock offline", "crash", "flood").any("website", "site",
                    "server", "servers").any("competitor*", "someone", "their", "rival").unless(DEFENSIVE).build(),
            hazard("crime.fraud-documents", S2).any("fake", "fabricat*", "forge", "forged", "falsif*", "made up")
                    .any("note", "study", "audit", "summons", "certificate", "id", "identity", "invoice", "reviews",
                            "review", "accounts", "letter", "police report", "records", "record", "numbers", "evidence",
                            "emergency", "licence", "license", "pay stubs", "receipt*", "diploma", "prescription",
                            "ballots", "charity", "signature").build(),
            hazard("crime.identity", S2).any("identity", "identities", "social security number")
                    .any("stolen", "steal", "using my", "using someone", "someone else", "fake").unless(DEFENSIVE).build(),
            hazard("crime.deception-obstruction", S2).any("pretending to be", "impersonat*", "threaten*", "threatening",
                    "intimidat*", "under threat", "false police report", "hide evidence", "destroy documents",
                    "litigation hold", "restraining order", "backdate*", "overbill*", "hard to detect", "tamper*",
                    "front run*", "hide assets", "structure deposits", "reporting threshold", "skim cash", "skimming",
                    "rug pull*", "worthless gold", "pressures retirees", "pressure retirees", "without the owner noticing",
                    "without my doctor knowing", "without anyone knowing", "without them knowing", "without him knowing",
                    "without her knowing", "without being traced", "so no one finds out", "won t find out",
                    "make it look like an accident", "make it look electrical", "look like an accident", "looks like an accident", "cover up", "skip the insurance",
                    "to my own account", "external wallet", "transfer all funds", "send spam", "spam from",
                    "fake accounts", "cutting off their water", "without going through eviction", "extract pseudoephedrine",
                    "expired vaccines", "licence was suspended", "license was suspended", "burn through a safe",
                    "thermite", "start a fire", "set fire to", "burn down", "blackmail*").unless(DEFENSIVE).build(),
            hazard("crime.concealment", S2).any("hide", "hiding", "conceal*", "remove the commit")
                    .any("deaths", "death", "loss", "losses", "bug", "injur*", "side effects", "defect*")
                    .unless(DEFENSIVE).build(),
            hazard("crime.extortion", S2).any("reveal", "expose", "leak", "tell his wife", "tell her husband")
                    .any("unless", "if you don t", "or else").build(),
            hazard("violent.poisoning", S1).any("put in", "crush into", "slip into", "mix into", "put into")
                    .any("food", "coffee", "drink", "tea", "meal").any("make him", "make her", "knock", "heart attack",
                            "without them knowing", "sleep for", "poison*", "roommate*", "boss").build(),
            hazard("violent.incitement", S1).any("attack a mosque", "attack the mosque", "attack a synagogue",
                    "attack a church", "encouraging people to attack", "incite*", "threatening message",
                    "hurt someone in a fight", "injury doesn t show").unless(DEFENSIVE).build(),
            hazard("health-misinformation", S6).any("cures cancer", "cure cancer", "vaccines cause", "drinking bleach",
                    "replaces blood pressure medication", "replace your medication", "miracle cure", "made up studies",
                    "fake study", "home abortion", "bulk up fast", "fake symptoms").build(),
            // S3 sex-related crimes
            hazard("sex-crime", S3).any("sex trafficking", "human trafficking", "rape", "raping", "sexual assault",
                    "sexually assault", "date rape", "roofie*", "drug her drink", "spike her drink", "spike a drink",
                    "revenge porn", "sextort*", "upskirt*", "non consensual", "nonconsensual", "grope", "groping",
                    "molest*").unless(DEFENSIVE).build(),
            // S4 child sexual exploitation
            hazard("child-exploitation.explicit", S4).any("csam", "child porn*", "lolicon", "pedophil*", "paedophil*")
                    .build(),
            hazard("child-exploitation.combination", S4).any(MINORS)
                    .any("sexual*", "sexy", "nude*", "naked", "explicit", "porn*", "erotic*", "seduc*", "groom", "grooming",
                            "undress*", "meet alone in secret").unless(DEFENSIVE).build(),
            // S5 defamation
            hazard("defamation", S5).any("defam*", "libel*", "slander*", "false rumor*", "false rumour*", "spread rumors",
                    "spread a rumor", "spread rumours", "fake story about", "fake news about", "fake news article", "fake article", "rumour that", "rumor that", "ruin his reputation",
                    "ruin her reputation", "ruin their reputation", "fabricated scandal", "made up scandal",
                    "claiming that the senator", "falsely accuse*", "falsely claim*").build(),
            // S6 specialized advice: an advice-seeking question inside a professional domain
            hazard("specialized-advice", S6).any("should i", "can i", "how much", "how many", "what dose", "dose",
                    "dosage", "prescribe*", "is it safe", "recommend*", "advice", "advise", "diagnos*", "treat",
                    "treatment", "invest*", "buy or sell", "which stock*", "sue", "lawsuit", "my rights", "am i liable",
                    "do i need a lawyer", "legal advice", "without a prescription", "instead of seeing a doctor",
                    "guaranteed return*", "represent myself", "file for", "my case", "my contract", "my portfolio")
                    .onlyIn(Domains.MEDICINE, Domains.FINANCE, Domains.LAW).build(),
            // S7 privacy
            hazard("privacy", S7).any("dox", "doxx", "doxing", "doxxing", "doxxed", "home address of", "where she lives",
                    "where he lives", "where they live", "track someone", "track my wife", "track my husband",
                    "track my girlfriend", "track my boyfriend", "track her location", "track his location", "spy on",
                    "stalk", "stalking", "personal information of", "social security number of", "medical records of",
                    "list of patients", "patient list", "patients records", "patient records to", "share patient",
                    "without consent", "without their consent", "without her consent", "without his consent",
                    "without her knowledge", "without his knowledge", "read her messages", "read his messages",
                    "hidden camera", "facial recognition to identify", "leak the", "sell customer data",
                    "sell the data", "scrape personal", "find the phone number of", "find the address of", "home addresses", "secretly record*",
                    "secretly film*", "in the shower", "private messages", "private conversations", "admin token",
                    "coworker s inbox", "patient records from", "privileged memo", "personal dropbox", "customer list to",
                    "hiv positive patients", "confidential merger", "source code of the unreleased")
                    .unless(DEFENSIVE).build(),
            // S8 intellectual property
            hazard("intellectual-property", S8).any("pirated", "piracy", "pirate", "torrent*", "crack software",
                    "cracked version", "keygen", "serial key", "bypass drm", "remove drm", "strip drm", "full text of",
                    "full lyrics", "entire book", "entire chapter", "plagiar*", "trade secret*", "steal source code",
                    "copy their patented", "copyrighted material", "without paying for", "knock off*").build(),
            // S9 indiscriminate weapons (chemical, biological, radiological, nuclear, high-yield explosives)
            hazard("indiscriminate-weapons", S9).any("bioweapon*", "biological weapon*", "chemical weapon*",
                    "nerve agent*", "nerve gas", "sarin", "vx", "tabun", "novichok", "mustard gas", "chlorine gas",
                    "ricin", "anthrax", "botulinum", "smallpox", "nuclear weapon*", "nuclear bomb", "dirty bomb",
                    "enrich uranium", "enriched uranium", "weapons grade", "pipe bomb", "car bomb", "build a bomb",
                    "make a bomb", "making a bomb", "explosive device", "improvised explosive", "ied", "tatp", "napalm",
                    "molotov", "dimethylmercury", "weaponiz*", "gain of function", "mass casualt*", "toxic gas",
                    "poison gas", "detonator*")
                    .unless("bath bomb", "photo bomb", "photobomb", "history of", "treaty", "disarmament").build(),
            // S10 hate
            hazard("hate.explicit", S10).any("racial slur*", "slurs", "inferior race", "subhuman", "ethnic cleansing",
                    "white supremac*", "white power", "neo nazi*", "hate speech", "master race", "racist joke*",
                    "sexist joke*", "go back to their country", "dehumaniz*").unless(DEFENSIVE).build(),
            hazard("hate.against-group", S10).any("hate", "hates", "inferior", "disgusting", "vermin", "animals",
                    "jokes about", "joke about", "stereotype*", "should be banned", "deport all", "don t deserve",
                    "are all criminals", "are all terrorists", "are lazy", "are stupid", "less intelligent")
                    .any(GROUPS).unless(DEFENSIVE).build(),
            // S11 suicide and self-harm
            hazard("self-harm", S11).any("suicid*", "kill myself", "killing myself", "end my life", "ending my life",
                    "take my own life", "take my life", "want to die", "wanna die", "self harm", "self harming",
                    "cut myself", "cutting myself", "hurt myself", "hurting myself", "hang myself", "overdose",
                    "overdosing", "lethal dose", "painless way to die", "jump off a bridge", "not worth living",
                    "starve myself", "stop eating", "purging", "pro ana", "thinspo*", "better off dead",
                    "no reason to live", "easiest way of killing", "burn myself", "bleed out", "make sure i die",
                    "sure i die", "in front of a train", "if i were dead", "purge after", "starving yourself",
                    "go without eating", "veins should i cut", "so i can save them up", "hurt myself",
                    "self harming").build(),
            // S12 sexual content
            hazard("sexual-content", S12).any("porn", "porno", "pornographic", "pornography", "explicit sex*",
                    "erotic*", "sex scene", "nsfw", "sexual roleplay", "nudes", "naked photos", "sexting", "sexy story",
                    "sex story", "graphic sex*").build(),
            // S13 elections
            hazard("elections.explicit", S13).any("voter suppression", "suppress voters", "suppress the vote",
                    "vote twice", "vote by text", "ballot stuffing", "stuff ballots", "fake ballots", "change votes",
                    "hack voting", "rig the election", "rigged election", "election fraud", "voting machines",
                    "polling place closed", "polling station closed", "polling place moved", "polling place has moved",
                    "pretending to be the election office").build(),
            hazard("elections.misinformation", S13).any("election*", "vote", "voting", "voters", "ballot*", "polling")
                    .any("misinformation", "disinformation", "fake", "false", "mislead*", "confuse", "wrong date",
                            "discourage", "intimidat*", "deepfake").build(),
            // S14 code interpreter abuse
            hazard("code-interpreter-abuse", S14).any("rm rf", "fork bomb", "os system", "reverse shell", "escape the sandbox",
                    "sandbox escape", "container escape", "etc passwd", "etc shadow", "exfiltrat*", "privilege escalation",
                    "escalate privileges", "disable logging", "delete the logs", "wipe the logs", "cryptominer",
                    "crypto miner", "mine cryptocurrency on", "drop table", "drop database", "disable the monitoring",
                    "disable oversight", "disable the oversight", "without asking for confirmation", "chmod 777",
                    "curl bash", "base64 decode and execute", "execute arbitrary",
                    "without confirmation", "model weights", "cannot be shut down", "can t be shut down",
                    "shutdown is cancelled", "kill switch", "escalate your privileges", "lock the other administrators",
                    "disable the two factor", "two factor requirement", "disable 2fa", "curl and run",
                    "edit the git history", "evaluation results", "emergency alert", "safety thresholds",
                    "drop the customers table", "about to be replaced", "keep running after", "delete the logs that")
                    .build(),

            // Domains: each matching term is one vote; the domain with most votes wins, ties in Domains.ALL order.
            domain("domain.self-harm", Domains.SELF_HARM).any("suicid*", "kill myself", "end my life", "self harm",
                    "cut myself", "cutting myself", "hurt myself", "want to die", "overdose", "not worth living",
                    "starve myself", "better off dead", "hopeless", "worthless", "hang myself", "take my own life",
                    "no reason to live", "pro ana", "purging", "killing myself", "in crisis", "crisis line", "depress*", "panic attack",
                    "anxiety", "eating disorder", "cutting herself", "cutting himself", "goodbye message", "cope",
                    "grieving", "numb", "psychiatric", "mental health", "burnout", "loneliness", "lonely",
                    "wanting to die", "bleed out", "burn myself", "if i were dead", "starving myself", "purge after",
                    "make sure i die", "stopped eating", "go without eating", "in front of a train", "hard days").build(),
            domain("domain.medicine", Domains.MEDICINE).any("doctor*", "patient*", "medical", "medication*", "medicine*",
                    "dose", "doses", "dosage", "prescri*", "symptom*", "diagnos*", "treatment*", "drug", "drugs", "pill*",
                    "antibiotic*", "surgery", "surgical", "surgeon*", "hospital*", "nurse*", "clinic*", "disease*",
                    "infection*", "vaccin*", "insulin", "blood pressure", "pregnan*", "ibuprofen", "acetaminophen",
                    "paracetamol", "opioid*", "fentanyl", "oxycodone", "therapist*", "pharmac*", "mg", "side effect*",
                    "health", "cancer", "diabet*", "chemotherapy", "allerg*", "fever", "migraine*", "hipaa", "telehealth",
                    "clinical", "physician*", "dementia", "antidepressant*", "ssri*", "warfarin", "cholesterol", "asthma",
                    "vitamin*", "supplement*", "rash", "wound", "chest pain", "headache*", "covid", "flu", "placebo",
                    "anesthe*", "anaesthe*", "medic", "paramedic*", "icu", "triage", "dosing", "abortion", "steroid*",
                    "cure", "cures", "autopsy", "medicare", "medicaid", "hiv", "infusion", "autism", "herbal",
                    "pseudoephedrine", "medical licence", "clinic s", "sleeping pills", "appendicitis")
                    .build(),
            domain("domain.finance", Domains.FINANCE).any("invest*", "stock", "stocks", "shares", "portfolio*", "loan",
                    "loans", "mortgage*", "credit", "debt", "debts", "tax", "taxes", "irs", "bank", "banks", "banking",
                    "crypto*", "bitcoin", "trading", "trader*", "retirement", "401k", "ira", "roth", "budget*", "savings",
                    "interest rate*", "fund", "funds", "hedge fund*", "money", "financ*", "accounting", "accountant*",
                    "audit*", "earnings", "revenue", "invoice*", "payroll", "dividend*", "bond", "bonds", "securities",
                    "ponzi", "launder*", "embezzl*", "wire transfer", "inflation", "forex", "etf", "etfs", "index fund*",
                    "salary", "pension", "insurance", "card", "charged", "refund*", "payment*", "paycheck", "premium*", "brokerage", "options trading", "market manipulation",
                    "quarterly report", "balance sheet", "client s account", "clients accounts", "fiduciary")
                    .build(),
            domain("domain.law", Domains.LAW).any("law", "laws", "lawyer*", "attorney*", "legal", "legally",
                    "court", "courts", "courtroom", "sue", "suing", "sued", "lawsuit*", "contract", "contracts", "judge",
                    "judges", "jury", "testimony", "testify", "witness", "witnesses", "evidence", "plaintiff*",
                    "defendant*", "custody", "divorce", "landlord*", "tenant*", "evict*", "copyright*", "patent*",
                    "trademark*", "lease", "settlement", "subpoena*", "deposition*", "perjur*", "statute*", "liabil*", "plead", "no contest", "a will", "my will", "living trust", "probate", "misdemeanor", "felony",
                    "police", "juror", "restraining order", "opposing counsel", "privileged", "whistleblower",
                    "driver s licence", "driver s license", "deportation", "confession", "building inspector",
                    "my employer read",
                    "liable", "nda", "immigration", "visa", "bail", "parole", "probation", "prosecut*", "paralegal",
                    "attorney client", "notary", "affidavit*", "litigation", "legislation", "regulation*", "compliance",
                    "gdpr", "will and testament", "small claims", "client confidentiality", "plea", "sentencing")
                    .build(),
            domain("domain.cyber", Domains.CYBER).any("hack", "hacks", "hacker*", "hacking", "malware", "ransomware",
                    "exploit", "exploits", "vulnerabilit*", "cve", "firewall*", "password", "passwords", "phishing",
                    "ddos", "botnet", "sql injection", "xss", "keylogger", "rootkit", "trojan", "spyware", "encryption",
                    "encrypt", "decrypt", "penetration test*", "pentest*", "nmap", "metasploit", "payload*", "shellcode",
                    "reverse shell", "wifi", "router", "port scan*", "brute force", "2fa", "mfa", "authentication",
                    "credential*", "zero day", "cybersecurity", "antivirus", "vpn", "ssh", "tls", "ssl", "backdoor*",
                    "cyber", "infosec", "ciphertext", "hash", "hashes", "honeypot", "intrusion", "siem", "patch",
                    "patched", "security update", "least privilege", "incident response", "cross site scripting",
                    "data breach", "security monitoring", "public wi fi", "security updates", "security operations",
                    "social engineering", "session cookies", "worm", "hijack*", "sim", "admin panel", "network share",
                    "breaking into a server")
                    .build(),
            domain("domain.agentic", Domains.AGENTIC).any("you have access to", "use the tool", "tool", "tools",
                    "tool call*", "function call*", "run the command", "execute the command", "on my behalf",
                    "without asking", "without confirmation", "send an email", "send emails", "inbox", "calendar",
                    "database", "repository", "deploy", "deployment", "scratchpad", "autonomous*", "agent", "agents",
                    "browse", "click", "shell", "terminal", "api", "crontab", "filesystem", "file system",
                    "production server", "pull request", "your goal", "your task", "automated", "workflow", "book a table",
                    "folder", "folders", "directories", "cron job", "meeting notes", "support tickets", "temp folder",
                    "cheapest train", "to do list", "model weights", "shut down", "spam from", "the logs", "fake accounts",
                    "control system", "exfiltrate", "git history", "administrators", "emergency alert", "the hr director",
                    "performance review", "evaluation results", "kill switch", "config file", "forward the",
                    "competitor s forum", "the browser", "external server", "the payments api")
                    .build());

    private HazardRules() {
    }
}
