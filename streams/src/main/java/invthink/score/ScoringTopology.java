package invthink.score;

import invthink.avro.DeadLetter;
import invthink.avro.Response;
import invthink.avro.SafetyScore;
import invthink.judge.Judge;
import invthink.serde.AvroSerdes;
import invthink.topic.Topics;
import java.time.Clock;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * {@code invthink.responses} → inline judge → {@code invthink.scores}, with undecodable or
 * unjudgeable records on {@code invthink.dlq}. Dead letters go out through the topology's own
 * producer, so under exactly-once they commit atomically with the input offsets: each response
 * lands once in scores or once in the DLQ.
 */
public final class ScoringTopology {

    private ScoringTopology() {
    }

    public static void addTo(StreamsBuilder builder, Topics topics, Judge judge, Map<String, ?> serdeConfig, Clock clock) {
        var responseSerde = AvroSerdes.specific(Response.class, serdeConfig, false);
        var scoreSerde = AvroSerdes.specific(SafetyScore.class, serdeConfig, false);
        var deadLetterSerde = AvroSerdes.specific(DeadLetter.class, serdeConfig, false);
        KStream<byte[], SpecificRecord> outcomes = builder
                .stream(topics.responses(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("read-responses"))
                .process(() -> new ScoringProcessor(judge, responseSerde.deserializer(), clock), Named.as("judge"));
        outcomes.split(Named.as("outcome-"))
                .branch((k, v) -> v instanceof SafetyScore, Branched.withConsumer(s -> s
                        .mapValues(v -> (SafetyScore) v)
                        .to(topics.scores(), Produced.with(Serdes.ByteArray(), scoreSerde).withName("write-scores")), "score"))
                .defaultBranch(Branched.withConsumer(s -> s
                        .mapValues(v -> (DeadLetter) v)
                        .to(topics.dlq(), Produced.with(Serdes.ByteArray(), deadLetterSerde).withName("write-dead-letters")), "dead"));
    }
}
