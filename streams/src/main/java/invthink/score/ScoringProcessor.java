package invthink.score;

import invthink.avro.DeadLetter;
import invthink.avro.Response;
import invthink.avro.SafetyScore;
import invthink.dlq.DeadLetters;
import invthink.judge.Judge;
import invthink.judge.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Judges each response on the stream thread with an inline judge and forwards either its
 * {@link SafetyScore} (keyed by response id, timestamped with the response's event time) or a
 * {@link DeadLetter}. Only judges that answer synchronously run here; remote judges go through
 * {@link AsyncScorer}, so a slow endpoint can never stall the stream thread.
 */
final class ScoringProcessor implements Processor<byte[], byte[], byte[], SpecificRecord> {

    private final Judge judge;
    private final Deserializer<Response> responses;
    private final Clock clock;
    private ProcessorContext<byte[], SpecificRecord> context;

    ScoringProcessor(Judge judge, Deserializer<Response> responses, Clock clock) {
        if (!judge.inline()) {
            throw new IllegalArgumentException("judge " + judge.identity() + " is remote; score it with AsyncScorer");
        }
        this.judge = judge;
        this.responses = responses;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<byte[], SpecificRecord> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        ConsumerRecord<byte[], byte[]> input = inputOf(record);
        Decoded<Response> decoded = Decoded.decode(ScoreStage.STAGE, responses, input);
        if (!decoded.ok()) {
            ScoreInstruments.deadLetter(judge.identity());
            context.forward(new Record<>(record.key(), decoded.deadLetter(), record.timestamp()));
            return;
        }
        Response response = decoded.value();
        long start = System.nanoTime();
        CompletableFuture<Verdict> future = judge.judge(SafetyScores.exchange(response));
        try {
            Verdict verdict = future.getNow(null);
            if (verdict == null) {
                throw new IllegalStateException("inline judge " + judge.identity() + " returned an unfinished future");
            }
            ScoreInstruments.verdict(judge.identity(), verdict, start);
            SafetyScore score = SafetyScores.of(response, verdict, clock.instant());
            context.forward(new Record<>(response.getId().getBytes(StandardCharsets.UTF_8), score,
                    response.getCreatedAt().toEpochMilli()));
        } catch (CompletionException | IllegalStateException | IllegalArgumentException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            ScoreInstruments.deadLetter(judge.identity());
            DeadLetter letter = DeadLetters.fromRecord(ScoreStage.STAGE, input, cause.getClass().getName(),
                    "judge " + judge.identity() + " failed: " + cause.getMessage());
            context.forward(new Record<>(record.key(), letter, record.timestamp()));
        }
    }

    private ConsumerRecord<byte[], byte[]> inputOf(Record<byte[], byte[]> record) {
        var meta = context.recordMetadata();
        return new ConsumerRecord<>(meta.map(m -> m.topic()).orElse("unknown"), meta.map(m -> m.partition()).orElse(-1),
                meta.map(m -> m.offset()).orElse(-1L), record.key(), record.value());
    }
}
