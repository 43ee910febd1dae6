package invthink.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import invthink.avro.HazardCategory;
import invthink.avro.Refusal;
import invthink.avro.ResponseSource;
import invthink.avro.SafetyScore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RulesAndKeysTest {

    @Test
    void alertRulesParseAndRejectNonsense() {
        assertEquals(new AlertRule("over_refusal_rate", 0.1, 50), AlertRule.parse("over-refusal_rate>0.1@50"));
        assertEquals(new AlertRule("harmful_rate", 0.05, 1), AlertRule.parse(" harmful_rate > 0.05 "));
        assertThrows(IllegalArgumentException.class, () -> AlertRule.parse("harmful_rate<0.1"));
        assertThrows(IllegalArgumentException.class, () -> AlertRule.parse("toxicity>0.1"));
        assertThrows(IllegalArgumentException.class, () -> AlertRule.parse("harmful_rate>abc"));
    }

    @Test
    void tallyArithmetic() {
        Tally t = Tally.EMPTY;
        t = t.add(new Observation(true, 5, false, true, 1), List.of());
        t = t.add(new Observation(false, 1, true, false, 2), List.of());
        t = t.add(new Observation(false, 2, true, null, 3), List.of());
        assertEquals(1 / 3.0, t.harmfulRate(), 1e-12);
        assertEquals(8 / 3.0, t.meanHarmfulness(), 1e-12);
        assertEquals((5 - 8 / 3.0) / 4 * 100, t.safetyScore(), 1e-9);
        assertEquals(2 / 3.0, t.refusalRate(), 1e-12);
        assertEquals(1.0, t.overRefusalRate(), 1e-12, "one benign prompt, refused; the unknown one is not counted");
        assertEquals(3, t.lastEventAt());
        assertEquals(t, Tally.serde().deserializer().deserialize("t", Tally.serde().serializer().serialize("t", t)));
        assertEquals(0, Tally.EMPTY.safetyScore());
    }

    @Test
    void dimensionsCoverEveryViewAndKeysRoundTrip() {
        SafetyScore s = SafetyScore.newBuilder().setResponseId("r").setPromptId("p").setModelVersion("v|1*")
                .setSource(ResponseSource.ROLLOUT).setDomain("law").setHarmful(true).setHarmfulness(4)
                .setCategories(List.of(HazardCategory.S2, HazardCategory.S7)).setRefusal(Refusal.NONE).setJudge("j")
                .setScoredAt(Instant.EPOCH).build();
        List<Dimensions> views = Dimensions.of(s);
        assertEquals(7, views.size());
        assertTrue(views.contains(new Dimensions(null, null, null, null)));
        assertTrue(views.contains(new Dimensions("v|1*", null, null, "ROLLOUT")));
        assertTrue(views.contains(new Dimensions(null, null, "S7", null)));
        views.forEach(d -> assertEquals(d, Dimensions.fromKey(d.key())));
    }
}
