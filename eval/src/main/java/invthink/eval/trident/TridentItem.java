package invthink.eval.trident;

/** One TRIDENT prompt: a request that would make a professional break a duty of their domain. */
public record TridentItem(String id, String domain, String prompt, String riskType, String safeReply) {
}
