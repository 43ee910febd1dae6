package invthink.ingest.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import invthink.avro.Prompt;
import invthink.ingest.source.Malformed;
import invthink.ingest.source.SourceItem;
import invthink.ingest.source.Submission;
import invthink.prompt.Candidate;
import invthink.prompt.PromptPreparer;
import invthink.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class BatchPipelineTest {

    private static final Topics TOPICS = new Topics("pipe.");

    private static MockProducer<byte[], Object> producer() {
        return new MockProducer<>(true, null, new ByteArraySerializer(), (topic, value) -> new byte[0]);
    }

    private static Submission submission(String text) {
        return new Submission(new Candidate(text, null, "test", null, List.of(), Map.of()), null, "line", null);
    }

    @Test
    void sendsEveryItemOnceInInputOrderAcrossBatches() throws Exception {
        MockProducer<byte[], Object> producer = producer();
        IngestSummary summary = new IngestSummary();
        IngestPublisher publisher = new IngestPublisher(producer, TOPICS, new PromptPreparer(), new RecentIds(10_000), summary);
        BatchPipeline pipeline = new BatchPipeline(publisher, "test");
        List<String> expected = new ArrayList<>();
        int sentBack = 0;
        for (int b = 0; b < 5; b++) {
            List<SourceItem> batch = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                int n = b * 300 + i;
                if (n % 97 == 0) {
                    batch.add(new Malformed("line " + n, "{".getBytes(StandardCharsets.UTF_8), Malformed.INVALID_JSON, "bad"));
                } else {
                    batch.add(submission("question number " + n));
                    expected.add("question number " + n);
                }
            }
            sentBack += pipeline.publish(batch).size();
        }
        sentBack += pipeline.finish().size();

        assertEquals(1500, sentBack, "a result for every item, each batch once");
        List<String> prompts = producer.history().stream().filter(r -> r.topic().equals(TOPICS.prompts()))
                .map(r -> ((Prompt) r.value()).getText()).toList();
        assertEquals(expected, prompts, "prompts leave in the order they came");
        long letters = producer.history().stream().map(ProducerRecord::topic).filter(TOPICS.dlq()::equals).count();
        assertEquals(16, letters);
        assertEquals(expected.size(), summary.publishedCount());
        assertEquals(List.of(), pipeline.finish(), "nothing left after finish");
    }

    @Test
    void aFailureWhilePreparingReachesTheCallerBeforeAnythingOfItsBatchIsSent() {
        MockProducer<byte[], Object> producer = producer();
        IngestPublisher publisher = new IngestPublisher(producer, TOPICS, new PromptPreparer(), new RecentIds(100),
                new IngestSummary());
        BatchPipeline pipeline = new BatchPipeline(publisher, "test");
        // A submission without a candidate breaks preparation on whichever thread claims it.
        Submission broken = new Submission(null, null, "line 2", null);
        assertThrows(NullPointerException.class, () -> {
            pipeline.publish(List.of(submission("fine"), broken, submission("also fine")));
            pipeline.finish();
        });
        assertEquals(List.of(), producer.history(), "the batch stops whole, not after its first prompt");
    }
}
