package invthink.progress;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A thread-safe progress bar for work of known or unknown size.
 *
 * <p>On a terminal it redraws one line in place at most every {@code 200 ms}; when stderr is not a
 * terminal (CI, log files) it prints a full line every {@code 10 s} instead, so logs do not fill
 * with carriage returns. Call {@link #step} from any thread, {@link #close} once at the end.
 */
public final class ProgressBar implements AutoCloseable {

    private static final long TTY_INTERVAL_NANOS = 200_000_000L;
    private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;
    private static final int WIDTH = 30;

    private final String task;
    private final String unit;
    private final long total;
    private final PrintStream out;
    private final boolean tty;
    private final long startNanos = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private volatile long lastDrawNanos;
    private volatile boolean closed;

    /**
     * @param task  what is being done ("ingest trident.jsonl")
     * @param total units of work, or -1 when unknown
     * @param unit  what one unit is ("prompts", "tokens")
     */
    public ProgressBar(String task, long total, String unit) {
        this(task, total, unit, System.err, System.console() != null);
    }

    ProgressBar(String task, long total, String unit, PrintStream out, boolean tty) {
        this.task = task;
        this.total = total;
        this.unit = unit;
        this.out = out;
        this.tty = tty;
        this.lastDrawNanos = startNanos;
    }

    public void step() {
        stepBy(1);
    }

    public void stepBy(long n) {
        done.addAndGet(n);
        long now = System.nanoTime();
        if (now - lastDrawNanos >= (tty ? TTY_INTERVAL_NANOS : LOG_INTERVAL_NANOS)) {
            synchronized (this) {
                if (now - lastDrawNanos >= (tty ? TTY_INTERVAL_NANOS : LOG_INTERVAL_NANOS) && !closed) {
                    lastDrawNanos = now;
                    draw(now, false);
                }
            }
        }
    }

    public long done() {
        return done.get();
    }

    /** Draws the final state and ends the line. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            draw(System.nanoTime(), true);
        }
    }

    /** The line as drawn at {@code nowNanos}: bar (when total is known), count, rate, ETA or elapsed. */
    String render(long nowNanos, boolean last) {
        long n = done.get();
        double seconds = Math.max(1e-9, (nowNanos - startNanos) / 1e9);
        double rate = n / seconds;
        StringBuilder line = new StringBuilder(task).append(' ');
        if (total > 0) {
            double fraction = Math.min(1.0, (double) n / total);
            int filled = (int) Math.round(fraction * WIDTH);
            line.append('[').append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3.0f%% %d/%d %s", fraction * 100, n, total, unit));
        } else {
            line.append(n).append(' ').append(unit);
        }
        line.append(String.format(Locale.ROOT, " | %.1f %s/s", rate, unit));
        if (last || total <= 0) {
            line.append(" | ").append(duration(seconds));
        } else {
            line.append(" | ETA ").append(rate > 0 ? duration((total - n) / rate) : "?");
        }
        return line.toString();
    }

    private void draw(long nowNanos, boolean last) {
        String line = render(nowNanos, last);
        if (tty) {
            out.print("\r" + line + "\u001b[K" + (last ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60)
                : String.format(Locale.ROOT, "%ds", s);
    }
}
