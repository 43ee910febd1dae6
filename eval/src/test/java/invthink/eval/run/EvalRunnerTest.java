package invthink.eval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EvalRunnerTest {

    @Test
    void keepsAtMostMaxInFlightOpenAndReturnsResultsInInputOrder() throws Exception {
        int limit = 3;
        List<Integer> inputs = IntStream.range(0, 20).boxed().toList();
        LinkedBlockingQueue<CompletableFuture<Integer>> open = new LinkedBlockingQueue<>();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        CompletableFuture<List<Integer>> run = CompletableFuture.supplyAsync(() -> {
            try {
                return new EvalRunner(limit).run("test", inputs, i -> {
                    max.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    CompletableFuture<Integer> f = new CompletableFuture<>();
                    open.add(f);
                    return f.thenApply(answer -> i * 10);
                });
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // Wait until the window is full, then answer the newest open request first (so completion order
        // differs from input order); each answer frees exactly one permit, so one more request arrives.
        java.util.ArrayDeque<CompletableFuture<Integer>> waiting = new java.util.ArrayDeque<>();
        int received = 0;
        for (int answered = 0; answered < inputs.size(); answered++) {
            while (received < inputs.size() && waiting.size() < limit) {
                CompletableFuture<Integer> f = open.poll(30, TimeUnit.SECONDS);
                assertNotNull(f, "the runner keeps sending while answers come back");
                waiting.add(f);
                received++;
            }
            CompletableFuture<Integer> newest = waiting.pollLast();
            inFlight.decrementAndGet();
            newest.complete(answered);
        }
        List<Integer> results = run.get(30, TimeUnit.SECONDS);
        assertEquals(limit, max.get(), "the limit is reached and never exceeded");
        assertEquals(IntStream.range(0, 20).map(i -> i * 10).boxed().toList(), results);
    }

    @Test
    void theSampleIsSeededAndSpreadOverGroups() {
        List<String> items = IntStream.range(0, 30).mapToObj(i -> (i < 20 ? "a" : i < 28 ? "b" : "c") + i).toList();
        Function<String, String> group = s -> s.substring(0, 1);
        List<String> sample = Sample.take(items, group, 9, 7);
        assertEquals(sample, Sample.take(items, group, 9, 7), "same seed, same subset");
        assertNotEquals(sample, Sample.take(items, group, 9, 8));
        Map<String, Long> perGroup = sample.stream().collect(Collectors.groupingBy(group, Collectors.counting()));
        assertEquals(Map.of("a", 4L, "b", 3L, "c", 2L), perGroup, "round-robin: c has only two");
        assertEquals(items, Sample.take(items, group, 0, 7), "no limit: everything in order");
        assertTrue(items.containsAll(sample));
    }
}
