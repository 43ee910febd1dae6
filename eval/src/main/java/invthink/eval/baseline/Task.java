package invthink.eval.baseline;

/**
 * What a benchmark asks, before a baseline wraps it.
 *
 * @param system the benchmark's own system prompt (an agent persona), or null
 * @param user   the request
 */
public record Task(String system, String user) {
    public Task {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("a task needs a user message");
        }
    }

    public static Task of(String user) {
        return new Task(null, user);
    }
}
