package invthink.ingest.publish;

import invthink.avro.DeadLetter;
import invthink.avro.Prompt;
import invthink.avro.Response;
import invthink.avro.ResponseSource;
import invthink.dlq.DeadLetters;
import invthink.ingest.source.Malformed;
import invthink.ingest.source.Reply;
import invthink.ingest.source.SourceItem;
import invthink.ingest.source.Submission;
import invthink.prompt.Prepared;
import invthink.prompt.PromptIds;
import invthink.prompt.PromptMetadata;
import invthink.prompt.PromptPreparer;
import invthink.redact.Redacted;
import invthink.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends what sources read: prompts to the prompts topic keyed by id, production responses to the
 * responses topic, and everything unusable to the dead-letter queue. Thread-safe (the HTTP
 * server calls it from many threads). Does not own the producer.
 */
public final class IngestPublisher {

    public static final String STAGE = "ingest";

    private final Producer<byte[], Object> producer;
    private final Topics topics;
    private final PromptPreparer preparer;
    private final RecentIds recent;
    private final IngestSummary summary;
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    private final Callback onAck = (metadata, e) -> {
        if (e != null) {
            sendFailure.compareAndSet(null, e);
        }
    };

    public IngestPublisher(Producer<byte[], Object> producer, Topics topics, PromptPreparer preparer,
                           RecentIds recent, IngestSummary summary) {
        this.producer = producer;
        this.topics = topics;
        this.preparer = preparer;
        this.recent = recent;
        this.summary = summary;
    }

    public IngestSummary summary() {
        return summary;
    }

    public RecentIds recent() {
        return recent;
    }

    /** The first failed send, or null: a run that saw one must not report success. */
    public Exception sendFailure() {
        return sendFailure.get();
    }

    public void flush() {
        producer.flush();
    }

    public PublishResult publish(SourceItem item, String source) {
        if (item instanceof Malformed m) {
            return deadLetter(source, m.location(), m.raw(), m.code(), m.reason());
        }
        Submission s = (Submission) item;
        return publish(s, prepare(s), source);
    }

    /** Prepares a submission without sending anything: lets a caller check a whole request first. */
    public Prepared prepare(Submission s) {
        return preparer.prepare(s.candidate(), Instant.now());
    }

    /** Sends a submission prepared by {@link #prepare}, or dead-letters it when it was refused. */
    public PublishResult publish(Submission s, Prepared prepared, String source) {
        Instant now = prepared.accepted() ? prepared.prompt().getReceivedAt() : Instant.now();
        if (!prepared.accepted()) {
            byte[] raw = s.raw() != null ? s.raw() : s.candidate().text().getBytes(StandardCharsets.UTF_8);
            return deadLetter(source, s.location(), raw, prepared.refusal().code(), prepared.refusal().reason());
        }
        Prompt prompt = prepared.prompt();
        List<Future<RecordMetadata>> sends = new ArrayList<>(2);
        boolean duplicate = !recent.firstSeen(prompt.getId());
        byte[] key = prompt.getId().getBytes(StandardCharsets.UTF_8);
        if (duplicate) {
            summary.duplicate();
        } else {
            sends.add(producer.send(new ProducerRecord<>(topics.prompts(), key, prompt), onAck));
            summary.published();
            summary.redacted(prompt.getRedactions());
        }
        if (s.reply() != null) {
            Response response = response(prompt, s.reply(), s.location(), now);
            if (response != null) {
                sends.add(producer.send(new ProducerRecord<>(topics.responses(),
                        response.getId().getBytes(StandardCharsets.UTF_8), response), onAck));
                summary.response();
            }
        }
        return new PublishResult(prompt.getId(), duplicate, null, null, sends);
    }

    /** Dead-letters input that never became an item (an HTTP body too large to parse, say). */
    public PublishResult deadLetter(String source, String location, byte[] raw, String code, String reason) {
        DeadLetter letter = DeadLetters.fromSource(STAGE, location == null ? source : source + " " + location, null, raw,
                code, reason);
        // Sent on the same producer as the prompts, so a transactional source commits both together.
        Future<RecordMetadata> sent = producer.send(new ProducerRecord<>(topics.dlq(), null, letter), onAck);
        summary.deadLetter(code);
        return new PublishResult(null, false, code, reason, List.of(sent));
    }

    private Response response(Prompt prompt, Reply reply, String location, Instant now) {
        Redacted text = preparer.clean(reply.text());
        if (text.text().isEmpty()) {
            return null;
        }
        summary.redacted(text.counts());
        String model = reply.model() == null ? "unknown" : reply.model();
        Map<String, String> metadata = new HashMap<>();
        metadata.put(PromptMetadata.LOCATION, location);
        metadata.put("source", prompt.getSource());
        if (!text.counts().isEmpty()) {
            text.counts().forEach((k, v) -> metadata.put("redacted_" + k, Integer.toString(v)));
        }
        return Response.newBuilder()
                .setId(PromptIds.response(prompt.getId(), model, text.text()))
                .setPromptId(prompt.getId())
                .setPromptText(prompt.getText())
                .setResponseText(text.text())
                .setModelVersion(model)
                .setSource(ResponseSource.PRODUCTION)
                .setDomain(prompt.getDomain())
                .setCreatedAt(reply.at() == null ? now : reply.at())
                .setMetadata(metadata)
                .build();
    }
}
