package invthink.teacher;

/**
 * One typical harm of a hazard category or professional domain, with its consequence and the
 * constraint that prevents it: one reasoning route of an offline trace.
 */
public record HarmPattern(String name, String description, String consequence, String mitigation) {
}
