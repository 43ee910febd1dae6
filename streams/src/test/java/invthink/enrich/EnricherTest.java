package invthink.enrich;

import static invthink.enrich.EnrichFixture.prompt;
import static invthink.enrich.EnrichFixture.requestText;
import static invthink.enrich.EnrichFixture.validTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import invthink.avro.AugmentedExample;
import invthink.avro.DeadLetter;
import invthink.avro.Prompt;
import invthink.avro.ValidationStatus;
import invthink.openai.LocalChatServer;
import invthink.openai.LocalChatServer.Reply;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EnricherTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    /** Replies by the marker the prompt text starts with; counts attempts per text. */
    private static Reply faulty(LocalChatServer.Call call, Map<String, AtomicInteger> attempts) {
        String text = requestText(call);
        int attempt = attempts.computeIfAbsent(text, k -> new AtomicInteger()).incrementAndGet();
        String kind = text.substring(0, text.indexOf('-'));
        return switch (kind) {
            case "ok" -> Reply.completion(validTrace(text));
            case "e500" -> attempt <= 2 ? Reply.status(500, "internal error") : Reply.completion(validTrace(text));
            case "slow" -> attempt == 1 ? Reply.completion(validTrace(text)).delayed(3_000) : Reply.completion(validTrace(text));
            case "r429" -> attempt == 1 ? Reply.status(429, "rate limited").header("Retry-After", "0")
                    : Reply.completion(validTrace(text));
            case "malformed" -> Reply.raw("{\"choices\": [{\"message\": {\"content\": \"<invth");
            case "truncated" -> Reply.completion(validTrace(text).substring(0, 120));
            case "misformat" -> attempt == 1 ? Reply.completion(validTrace(text).replace("Consequence Analysis:", "Consequences:"))
                    : Reply.completion(validTrace(text));
            case "e400" -> Reply.status(400, "{\"error\":{\"message\":\"prompt rejected by policy\"}}");
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @Test
    void everyPromptEndsInTracesOrDeadLettersExactlyOnceDespiteFaults() throws Exception {
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        List<String> good = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            good.addAll(List.of("ok-" + i, "e500-" + i, "slow-" + i, "r429-" + i, "misformat-" + i));
            bad.addAll(List.of("malformed-" + i, "truncated-" + i, "e400-" + i));
        }
        try (EnrichFixture fx = new EnrichFixture();
             LocalChatServer server = LocalChatServer.start(call -> faulty(call, attempts))) {
            List<Prompt> prompts = new ArrayList<>();
            good.forEach(t -> prompts.add(prompt(t)));
            bad.forEach(t -> prompts.add(prompt(t)));
            fx.send(prompts);
            fx.sendRaw("garbage".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 0, 9, 1, 2});

            try (Enricher enricher = new Enricher(EnrichFixture.settings("g-faults"), fx.config, fx.topics,
                    EnrichFixture.chatTeacher(server, Duration.ofMillis(500))).start()) {
                fx.awaitOutputs(prompts.size() + 1, WAIT);
            }

            List<AugmentedExample> traces = fx.traces("read_committed");
            List<DeadLetter> letters = fx.deadLetters();
            assertEquals(new HashSet<>(good), traces.stream().map(t -> t.getPrompt().getText()).collect(Collectors.toSet()));
            assertEquals(good.size(), traces.size(), "no duplicates among traces");
            assertEquals(bad.size() + 1, letters.size(), "every bad prompt once in the DLQ");

            AugmentedExample repaired = traces.stream().filter(t -> t.getPrompt().getText().equals("misformat-0")).findFirst().orElseThrow();
            assertEquals(ValidationStatus.REPAIRED, repaired.getValidation());
            assertTrue(repaired.getValidationErrors().get(0).contains("\"Consequence Analysis:\" is missing"));
            AugmentedExample ok = traces.stream().filter(t -> t.getPrompt().getText().equals("ok-0")).findFirst().orElseThrow();
            assertEquals(ValidationStatus.VALID, ok.getValidation());
            assertEquals(3, ok.getTrace().getHarms().size());
            assertEquals("test-teacher", ok.getTeacherModel());
            assertEquals(100, ok.getUsage().getPromptTokens());

            Map<String, Long> byClass = letters.stream().collect(Collectors.groupingBy(DeadLetter::getErrorClass, Collectors.counting()));
            assertEquals(Map.of("refused", 8L, "invalid_trace", 4L, "deserialization", 1L), byClass);
            DeadLetter truncated = letters.stream().filter(l -> l.getErrorClass().equals("invalid_trace")).findFirst().orElseThrow();
            assertTrue(truncated.getReason().contains("after one repair round"), truncated.getReason());
            assertTrue(truncated.getReason().contains("--- teacher wrote ---\n<invthink>"), "the teacher's text is kept");
            assertTrue(truncated.getOriginalValue() != null && truncated.getOriginalValue().remaining() > 0);
            DeadLetter refused = letters.stream().filter(l -> l.getReason().contains("HTTP 400")).findFirst().orElseThrow();
            assertTrue(refused.getReason().contains("prompt rejected by policy"), refused.getReason());
            assertEquals(1, attempts.get("e400-0").get(), "no retry of a 400");
            assertEquals(fx.topics.prompts(), refused.getOriginalTopic());

            Set<String> exported = PrometheusRegistry.defaultRegistry.scrape().stream()
                    .map(m -> m.getMetadata().getPrometheusName()).collect(Collectors.toSet());
            assertTrue(exported.containsAll(Set.of("invthink_enrich_in_flight", "invthink_enrich_completed",
                    "invthink_enrich_teacher_latency_seconds", "invthink_enrich_teacher_tokens", "invthink_enrich_failures",
                    "invthink_enrich_cache_hits", "invthink_enrich_paused")), exported.toString());
            EnrichMetrics m = EnrichMetrics.get();
            assertTrue(m.failures.labelValues("unavailable_500").get() >= 4, "500s counted by class");
            assertTrue(m.failures.labelValues("invalid_trace_200").get() >= 4, "bad traces counted by class");
            assertTrue(m.tokens.labelValues("out").get() > 0);
        }
    }

    @Test
    void crashMidTransactionAndRestartLosesNothingAndDuplicatesNothing() throws Exception {
        int n = 40;
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger answered = new AtomicInteger();
        try (EnrichFixture fx = new EnrichFixture();
             LocalChatServer server = LocalChatServer.start(call -> {
                 // The first 16 answers come at once; later calls hang until the test opens the gate.
                 if (answered.incrementAndGet() > 16) {
                     try {
                         gate.await(60, TimeUnit.SECONDS);
                     } catch (InterruptedException e) {
                         Thread.currentThread().interrupt();
                     }
                 }
                 return Reply.completion(validTrace(requestText(call)));
             })) {
            List<Prompt> prompts = IntStream.range(0, n).mapToObj(i -> prompt("crash-" + i)).toList();
            fx.send(prompts);
            EnrichSettings settings = EnrichFixture.settings("g-crash");

            Enricher first = new Enricher(settings, fx.config, fx.topics, EnrichFixture.chatTeacher(server, Duration.ofSeconds(30))).start();
            fx.awaitOutputs(16, WAIT);
            // Crash while results are in an open transaction: abandon once the gated answers arrive.
            Thread crash = new Thread(() -> first.abandon(true));
            crash.start();
            gate.countDown();
            crash.join(60_000);
            long answersBeforeRestart = server.calls();
            double cacheHitsBefore = EnrichMetrics.get().cacheHits.labelValues("answer").get();

            try (Enricher second = new Enricher(settings, fx.config, fx.topics,
                    EnrichFixture.chatTeacher(server, Duration.ofSeconds(30))).start()) {
                fx.awaitOutputs(n, WAIT);
            }
            List<AugmentedExample> committed = fx.traces("read_committed");
            List<String> ids = committed.stream().map(t -> t.getPrompt().getId()).toList();
            assertEquals(n, ids.size(), "exactly one committed trace per prompt");
            assertEquals(prompts.stream().map(Prompt::getId).collect(Collectors.toSet()), new HashSet<>(ids));
            assertTrue(fx.traces("read_uncommitted").size() > n,
                    "the crashed transaction did write results, which read_committed readers never see");
            assertTrue(fx.deadLetters().isEmpty());
            assertTrue(EnrichMetrics.get().cacheHits.labelValues("answer").get() > cacheHitsBefore,
                    "answers received before the crash were reused from the cache");
            assertTrue(server.calls() < answersBeforeRestart + (n - 16),
                    "the restart did not ask again for every unfinished prompt");
        }
    }

    @Test
    void aDuplicatePromptIsACacheHitEvenAfterARestart() throws Exception {
        try (EnrichFixture fx = new EnrichFixture();
             LocalChatServer server = LocalChatServer.start(call -> Reply.completion(validTrace(requestText(call))))) {
            Prompt p = prompt("dup-same text");
            fx.send(List.of(p, p, prompt("dup-other")));
            try (Enricher enricher = new Enricher(EnrichFixture.settings("g-dup-1"), fx.config, fx.topics,
                    EnrichFixture.chatTeacher(server, Duration.ofSeconds(10))).start()) {
                fx.awaitOutputs(2, WAIT);
            }
            assertEquals(2, server.calls(), "one call per distinct request");

            fx.send(List.of(p));
            // A new group re-reads everything from the start: the cache topic answers for all of it.
            try (Enricher again = new Enricher(EnrichFixture.settings("g-dup-2"), fx.config, fx.topics,
                    EnrichFixture.chatTeacher(server, Duration.ofSeconds(10))).start()) {
                assertTrue(again.awaitRunning(WAIT));
                fx.send(List.of(prompt("dup-marker")));
                fx.awaitOutputs(3, WAIT);
            }
            assertEquals(3, server.calls(), "only the new prompt reached the teacher");
            List<String> texts = fx.traces("read_committed").stream().map(t -> t.getPrompt().getText()).sorted().toList();
            assertEquals(List.of("dup-marker", "dup-other", "dup-same text"), texts, "each request once in the traces");
        }
    }

    @Test
    void aTeacherOutagePausesConsumptionAndResumesWithoutDeadLettering() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        try (EnrichFixture fx = new EnrichFixture();
             LocalChatServer server = LocalChatServer.start(call -> down.get() ? Reply.status(503, "maintenance")
                     : Reply.completion(validTrace(requestText(call))))) {
            int n = 30;
            fx.send(IntStream.range(0, n).mapToObj(i -> prompt("outage-" + i)).toList());
            EnrichSettings settings = EnrichFixture.settings("g-outage")
                    .withRetries(3, Duration.ofMillis(20), Duration.ofMillis(50))
                    .withOutage(3, Duration.ofMillis(100), Duration.ofMillis(300));
            try (Enricher enricher = new Enricher(settings, fx.config, fx.topics,
                    EnrichFixture.chatTeacher(server, Duration.ofSeconds(5))).start()) {
                assertTrue(enricher.awaitOutagePause(WAIT), "the stage pauses when every call fails");
                long callsAtPause = server.calls();
                assertTrue(fx.deadLetters().isEmpty(), "an outage dead-letters nothing");
                assertTrue(enricher.pausedForOutage());
                assertTrue(callsAtPause < 2L * n, "no storm of calls against a dead teacher: " + callsAtPause);
                down.set(false);
                fx.awaitOutputs(n, WAIT);
                assertTrue(!enricher.pausedForOutage(), "it resumed by itself");
            }
            assertEquals(n, fx.traces("read_committed").size());
            assertTrue(fx.deadLetters().isEmpty());
        }
    }
}
