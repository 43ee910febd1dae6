package invthink.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void rendersBarPercentCountAndEtaForKnownTotals() {
        ProgressBar bar = new ProgressBar("ingest", 200, "prompts", new PrintStream(new ByteArrayOutputStream()), false);
        bar.stepBy(50);
        String line = bar.render(System.nanoTime(), false);
        assertTrue(line.startsWith("ingest [########----------------------]  25% 50/200 prompts"), line);
        assertTrue(line.contains("prompts/s | ETA "), line);
    }

    @Test
    void unknownTotalsShowCountRateAndElapsed() {
        ProgressBar bar = new ProgressBar("follow", -1, "lines", new PrintStream(new ByteArrayOutputStream()), false);
        bar.stepBy(7);
        String line = bar.render(System.nanoTime(), false);
        assertTrue(line.startsWith("follow 7 lines | "), line);
        assertTrue(line.matches(".*lines/s \\| \\d+s$"), line);
    }

    @Test
    void closeWritesOneFinalLineOnNonTerminals() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar("train", 10, "steps", new PrintStream(sink, true, StandardCharsets.UTF_8), false);
        for (int i = 0; i < 10; i++) {
            bar.step();
        }
        bar.close();
        bar.close();
        String text = sink.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.contains("100% 10/10 steps"), text);
        assertEquals(10, bar.done());
    }

    @Test
    void durationsReadNaturally() {
        assertEquals("42s", ProgressBar.duration(42));
        assertEquals("3m05s", ProgressBar.duration(185));
        assertEquals("2h00m01s", ProgressBar.duration(7201));
    }
}
