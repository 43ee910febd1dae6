package invthink.grpo;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Which traces GRPO trains on: a fixed fraction (paper: 20%) chosen by a hash of the prompt id,
 * so every worker, every restart and every replay agrees on the same subset.
 */
public record PromptSelection(double fraction) {

    public PromptSelection {
        if (!(fraction > 0 && fraction <= 1)) throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
    }

    public boolean selected(String promptId) {
        CRC32 crc = new CRC32();
        crc.update(promptId.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() / (double) (1L << 32) < fraction;
    }
}
