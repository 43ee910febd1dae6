package invthink.eval.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * A reproducible subset for {@code --limit}: items are shuffled with the seed inside each group and
 * then taken round-robin across groups, so a quick run of 20 still covers every category or domain
 * instead of only the first file's.
 */
public final class Sample {

    private Sample() {
    }

    /** At most {@code limit} items ({@code limit <= 0}: all, in their original order). */
    public static <I> List<I> take(List<I> items, Function<I, String> group, int limit, long seed) {
        if (limit <= 0 || limit >= items.size()) {
            return List.copyOf(items);
        }
        Map<String, List<I>> byGroup = new LinkedHashMap<>();
        for (I item : items) {
            byGroup.computeIfAbsent(group.apply(item), g -> new ArrayList<>()).add(item);
        }
        Random random = new Random(seed);
        List<List<I>> queues = new ArrayList<>();
        for (List<I> g : byGroup.values()) {
            Collections.shuffle(g, random);
            queues.add(g);
        }
        List<I> out = new ArrayList<>(limit);
        for (int round = 0; out.size() < limit; round++) {
            for (List<I> q : queues) {
                if (round < q.size() && out.size() < limit) {
                    out.add(q.get(round));
                }
            }
        }
        return List.copyOf(out);
    }
}
