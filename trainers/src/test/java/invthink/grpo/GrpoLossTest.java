package invthink.grpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two rows of three tokens; row 0's last token is padding. Old log-probs are 0 and the current
 * ones ln(ratio), so the ratios are [[1.5, 0.7, -], [1.1, 0.5, 1.3]]; advantages [1, -2];
 * clip range [0.8, 1.28] (epsilon 0.2, epsilon-high 0.28).
 *
 * <pre>
 * row 0, A = 1:  1.5 -> min(1.5, 1.28) = 1.28, loss -1.28 (high-clipped)
 *                0.7 -> min(0.7, 0.8)  = 0.7,  loss -0.7
 * row 1, A = -2: 1.1 -> min(-2.2, -2.2) = -2.2, loss 2.2
 *                0.5 -> min(-1.0, -1.6) = -1.6, loss 1.6 (low-clipped)
 *                1.3 -> min(-2.6, -2.56) = -2.6, loss 2.6
 * token sum 4.42 over 5 tokens
 * grpo    = mean(-1.98 / 2, 6.4 / 3) = (-0.99 + 2.1333333) / 2 = 0.5716667
 * bnpo    = dapo = 4.42 / 5 = 0.884
 * dr_grpo = 4.42 / (2 rows * 4 max tokens) = 0.5525
 * k3 with ref log-probs 0: 1/r + ln r - 1 = 0.0721318, 0.0718965, 0.0044011, 0.3068528, 0.0315950
 *   mean 0.0973754; bnpo with beta 0.1 = 0.884 + 0.0097375 = 0.8937375
 *   grpo with beta 0.1 = mean(-0.99 + 0.1 * 0.0720141, (6.4 + 0.1 * 0.3428489) / 3) = 0.5809815
 * clip ratios: low 1/5, high 1/5, region 2/5
 * </pre>
 */
class GrpoLossTest {

    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static GrpoLoss.Terms terms(LossType type, double beta) {
        float[] ratios = {1.5f, 0.7f, 1.0f, 1.1f, 0.5f, 1.3f};
        float[] logp = new float[6];
        for (int i = 0; i < 6; i++) logp[i] = (float) Math.log(ratios[i]);
        Shape s = new Shape(2, 3);
        NDArray lp = manager.create(logp, s);
        NDArray old = manager.zeros(s);
        NDArray ref = beta > 0 ? manager.zeros(s) : null;
        NDArray mask = manager.create(new float[] {1, 1, 0, 1, 1, 1}, s);
        NDArray adv = manager.create(new float[] {1, -2});
        return GrpoLoss.compute(lp, old, ref, adv, mask, new GrpoLossConfig(0.2, 0.28, beta, type, 4));
    }

    @Test
    void everyAggregationMatchesTheHandComputedValue() {
        assertEquals(0.5716667, terms(LossType.GRPO, 0).loss().getFloat(), 1e-5);
        assertEquals(0.884, terms(LossType.BNPO, 0).loss().getFloat(), 1e-5);
        assertEquals(0.884, terms(LossType.DAPO, 0).loss().getFloat(), 1e-5);
        assertEquals(0.5525, terms(LossType.DR_GRPO, 0).loss().getFloat(), 1e-5);
    }

    @Test
    void klTermIsK3ToTheReference() {
        GrpoLoss.Terms bnpo = terms(LossType.BNPO, 0.1);
        assertEquals(0.0973754, bnpo.kl(), 1e-5);
        assertEquals(0.8937375, bnpo.loss().getFloat(), 1e-5);
        assertEquals(0.5809815, terms(LossType.GRPO, 0.1).loss().getFloat(), 1e-5);
        assertEquals(0.0, terms(LossType.BNPO, 0).kl(), 0);
    }

    @Test
    void clipRatiosCountTokensClippedInTheDirectionOfTheAdvantage() {
        GrpoLoss.Terms t = terms(LossType.DAPO, 0);
        assertEquals(0.2, t.clipLow(), 1e-6);
        assertEquals(0.2, t.clipHigh(), 1e-6);
        assertEquals(0.4, t.clipRegion(), 1e-6);
    }

    @Test
    void betaWithoutReferenceIsRejected() {
        Shape s = new Shape(1, 1);
        assertThrows(IllegalArgumentException.class, () -> GrpoLoss.compute(manager.zeros(s), manager.zeros(s), null,
                manager.ones(new Shape(1)), manager.ones(s), new GrpoLossConfig(0.2, 0.2, 0.1, LossType.GRPO, 1)));
    }
}
