package invthink.grpo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AdvantagesTest {

    // Two groups of G = 3: A = [1, 2, 6] (mean 3, deviations -2, -1, 3, unbiased var (4+1+9)/2 = 7),
    // B = [0, 0, 0] (no signal). Whole batch: mean 1.5, unbiased var 27.5 / 5 = 5.5.
    private static final double[] REWARDS = {1, 2, 6, 0, 0, 0};

    @Test
    void groupScalingDividesByTheGroupsUnbiasedStd() {
        double s = Math.sqrt(7) + 1e-4; // 2.6457513 + eps
        assertArrayEquals(new double[] {-2 / s, -1 / s, 3 / s, 0, 0, 0},
                Advantages.compute(REWARDS, 3, ScaleRewards.GROUP), 1e-9);
        // the same numbers, written out: -0.7559004, -0.3779502, 1.1338506
        assertArrayEquals(new double[] {-0.7559004, -0.3779502, 1.1338506},
                java.util.Arrays.copyOf(Advantages.compute(REWARDS, 3, ScaleRewards.GROUP), 3), 1e-6);
    }

    @Test
    void batchScalingDividesByTheBatchStd() {
        double s = Math.sqrt(5.5) + 1e-4; // 2.3452079 + eps
        assertArrayEquals(new double[] {-2 / s, -1 / s, 3 / s, 0, 0, 0},
                Advantages.compute(REWARDS, 3, ScaleRewards.BATCH), 1e-9);
        assertArrayEquals(new double[] {-0.8527665, -0.4263833, 1.2791498},
                java.util.Arrays.copyOf(Advantages.compute(REWARDS, 3, ScaleRewards.BATCH), 3), 1e-6);
    }

    @Test
    void noScalingOnlyCentres() {
        assertArrayEquals(new double[] {-2, -1, 3, 0, 0, 0}, Advantages.compute(REWARDS, 3, ScaleRewards.NONE), 1e-12);
    }

    @Test
    void zeroStdGroupsAreRecognisedAndBadShapesRejected() {
        assertFalse(Advantages.zeroStd(REWARDS, 0, 3));
        assertTrue(Advantages.zeroStd(REWARDS, 3, 6));
        assertThrows(IllegalArgumentException.class, () -> Advantages.compute(REWARDS, 4, ScaleRewards.GROUP));
        assertTrue(ScaleRewards.parse("none") == ScaleRewards.NONE && LossType.parse("dr_grpo") == LossType.DR_GRPO);
    }
}
