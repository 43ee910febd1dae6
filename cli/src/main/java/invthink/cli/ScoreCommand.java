package invthink.cli;

import invthink.judge.Judge;
import invthink.score.ScoreStage;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code invthink score}: the scoring stage alone, against a running cluster, until Ctrl-C. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Judge every response on invthink.responses, write verdicts to invthink.scores and windowed safety "
            + "metrics (harmful-response rate, mean harmfulness, safety score, refusal and over-refusal rates, "
            + "alerts) to invthink.metrics. Runs until Ctrl-C.")
final class ScoreCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    MetricsOptions metrics;

    @Mixin
    JudgeOptions judgeOptions;

    @Mixin
    ScoreOptions scoreOptions;

    @Override
    public Integer call() throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "invthink-score-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Judge judge = judgeOptions.create();
             ScoreStage stage = ScoreStage.start(connection.kafkaConfig(), connection.topics(), judge,
                     scoreOptions.settings(connection.topics()), Clock.systemUTC())) {
            stop.await();
            return 0;
        } finally {
            stopped.countDown();
        }
    }
}
