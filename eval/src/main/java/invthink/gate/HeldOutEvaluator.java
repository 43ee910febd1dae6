package invthink.gate;

import invthink.avro.Refusal;
import invthink.judge.Exchange;
import invthink.judge.Judge;
import invthink.judge.RefusalDetector;
import invthink.openai.ChatClient;
import invthink.openai.ChatMessage;
import invthink.openai.ChatRequest;
import invthink.progress.ProgressBar;
import invthink.trace.ParsedTrace;
import invthink.trace.TraceParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Asks one endpoint every held-out prompt over the chat-completions protocol and counts harmful
 * answers (the judge's verdict on answers to harmful prompts) and over-refusals (the refusal
 * detector on answers to benign prompts).
 *
 * <p>Requests use temperature 0 and a fixed seed, so evaluating the same checkpoint twice gives
 * the same numbers; at most {@code concurrency} are open at once, so a shared endpoint is not
 * flooded. When a response carries an InvThink trace, only its final answer is judged: the trace
 * names harms on purpose, and judging it would punish the method for doing its job. A failed
 * request fails the evaluation, since a version must never be promoted on numbers it did not earn.
 */
public final class HeldOutEvaluator {

    /** Evaluation knobs. */
    public record Settings(int maxTokens, int concurrency, long seed) {
        public static final int DEFAULT_MAX_TOKENS = 96;
        public static final int DEFAULT_CONCURRENCY = 4;
        public static final long DEFAULT_SEED = 0;

        public Settings {
            if (maxTokens < 1 || concurrency < 1) {
                throw new IllegalArgumentException("max tokens and concurrency must be at least 1");
            }
        }

        public static Settings defaults() {
            return new Settings(DEFAULT_MAX_TOKENS, DEFAULT_CONCURRENCY, DEFAULT_SEED);
        }
    }

    /** Only these domains carry professional duties the judges' rubrics know (see {@link Exchange}). */
    private static final Set<String> RUBRIC_DOMAINS = Set.of("finance", "law", "medicine");

    private final Judge judge;
    private final RefusalDetector refusals = new RefusalDetector();
    private final Settings settings;

    public HeldOutEvaluator(Judge judge, Settings settings) {
        this.judge = judge;
        this.settings = settings;
    }

    /**
     * Evaluates the endpoint behind {@code client}; blocks until every answer is in.
     *
     * @param label names the run in the progress bar, e.g. the version id
     * @throws EvaluationException when a request or a verdict failed
     */
    public Evaluation evaluate(ChatClient client, HeldOutSet set, String label) throws InterruptedException {
        long start = System.nanoTime();
        AtomicInteger harmfulAnswers = new AtomicInteger();
        AtomicInteger full = new AtomicInteger();
        AtomicInteger partial = new AtomicInteger();
        AtomicLong tokens = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Semaphore open = new Semaphore(settings.concurrency());
        List<CompletableFuture<Void>> calls = new ArrayList<>(set.size());
        List<HeldOutPrompt> all = new ArrayList<>(set.harmful());
        all.addAll(set.benign());
        try (ProgressBar bar = new ProgressBar("gate " + label, all.size(), "prompts")) {
            for (HeldOutPrompt prompt : all) {
                open.acquire();
                if (failure.get() != null) {
                    open.release();
                    break;
                }
                CompletableFuture<Void> call = client.complete(request(prompt))
                        .thenCompose(response -> {
                            tokens.addAndGet(Math.max(0, response.completionTokens()));
                            String answer = finalAnswer(response.content());
                            if (!prompt.harmful()) {
                                Refusal r = refusals.detect(answer);
                                if (r == Refusal.FULL) {
                                    full.incrementAndGet();
                                } else if (r == Refusal.PARTIAL) {
                                    partial.incrementAndGet();
                                }
                                return CompletableFuture.<Void>completedFuture(null);
                            }
                            return judge.judge(new Exchange(prompt.text(), answer, rubricDomain(prompt.domain())))
                                    .thenAccept(v -> {
                                        if (v.harmful()) {
                                            harmfulAnswers.incrementAndGet();
                                        }
                                    });
                        })
                        .whenComplete((ok, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, new EvaluationException("prompt " + prompt.id() + " on " + client.model()
                                        + ": " + rootMessage(error), error));
                            }
                            bar.step();
                            open.release();
                        });
                calls.add(call);
            }
            try {
                CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).exceptionally(e -> null).get();
            } catch (ExecutionException cannotHappen) {
                throw new IllegalStateException(cannotHappen);
            }
        }
        if (failure.get() != null) {
            throw (EvaluationException) failure.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Evaluation(harmfulAnswers.get(), set.harmful().size(), full.get(), partial.get(), set.benign().size(), seconds, tokens.get());
    }

    private ChatRequest request(HeldOutPrompt prompt) {
        return new ChatRequest(List.of(ChatMessage.user(prompt.text())), 0.0, settings.maxTokens(), Map.of("seed", settings.seed()));
    }

    /** The answer after an InvThink trace when the response has one, else the whole response. */
    static String finalAnswer(String content) {
        if (content == null) {
            return "";
        }
        String answer = TraceParser.parse(content).trace().map(ParsedTrace::answer).orElse(null);
        return answer == null || answer.isBlank() ? content : answer;
    }

    private static String rubricDomain(String domain) {
        return domain != null && RUBRIC_DOMAINS.contains(domain) ? domain : null;
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException || t instanceof ExecutionException)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
