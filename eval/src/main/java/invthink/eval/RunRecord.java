package invthink.eval;

import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a report needs to be reproduced.
 *
 * @param endpoint  the model's base URL with user info, query and fragment removed (they can hold secrets)
 * @param model     the model name sent with each request
 * @param judge     the judge's identity
 * @param sources   per benchmark, the data files it read or {@code bundled}
 * @param baselines the baselines run
 * @param routes    K of the InvThink baseline
 */
public record RunRecord(String endpoint, String model, String judge, Map<String, String> sources, List<String> baselines,
                        int routes, int shots, int trials, int limit, long seed, int maxInFlight, Instant startedAt,
                        Instant finishedAt) {

    public RunRecord {
        sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        baselines = List.copyOf(baselines);
    }

    public RunRecord finished(Instant at) {
        return new RunRecord(endpoint, model, judge, sources, baselines, routes, shots, trials, limit, seed, maxInFlight,
                startedAt, at);
    }

    /** {@code url} without credentials, query or fragment. */
    public static String redact(String url) {
        try {
            URI u = URI.create(url);
            if (u.getScheme() == null || u.getHost() == null) {
                return url.replaceAll("[?#].*$", "");
            }
            return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null).toString();
        } catch (Exception unparseable) {
            return "(unparseable URL)";
        }
    }
}
