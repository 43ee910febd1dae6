package invthink.judge.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BinaryMetricsTest {

    @Test
    void countsAndRatesAtTheThreshold() {
        // predictions 0.9 0.8 0.4 0.3 0.6, labels T T T F F; at 0.5: TP=2 FN=1 TN=1 FP=1
        BinaryMetrics m = BinaryMetrics.of(List.of(0.9, 0.8, 0.4, 0.3, 0.6), List.of(true, true, true, false, false), 0.5);
        assertEquals(2, m.truePositives());
        assertEquals(1, m.falsePositives());
        assertEquals(1, m.trueNegatives());
        assertEquals(1, m.falseNegatives());
        assertEquals(0.6, m.accuracy(), 1e-12);
        assertEquals(2 / 3.0, m.precision(), 1e-12);
        assertEquals(2 / 3.0, m.recall(), 1e-12);
        // Positive/negative pairs ranked right: (0.9,0.3)(0.9,0.6)(0.8,0.3)(0.8,0.6)(0.4,0.3) = 5 of 6.
        assertEquals(5 / 6.0, m.auroc(), 1e-12);
    }

    @Test
    void tiesCountHalf() {
        assertEquals(0.5, BinaryMetrics.auroc(List.of(0.5, 0.5), List.of(true, false)), 1e-12);
        assertEquals(0.75, BinaryMetrics.auroc(List.of(0.7, 0.5, 0.5), List.of(true, true, false)), 1e-12);
    }

    @Test
    void oneClassHasNoAurocAndMismatchedInputsFail() {
        assertTrue(Double.isNaN(BinaryMetrics.auroc(List.of(0.1, 0.2), List.of(true, true))));
        assertThrows(IllegalArgumentException.class, () -> BinaryMetrics.of(List.of(0.1), List.of(true, false), 0.5));
    }
}
