package invthink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/** `invthink up` running on a background thread of this JVM, for tests that drive the whole command. */
final class RunningUp implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    final UpCommand up;
    final Future<Integer> exit;

    private RunningUp(String[] args) throws Exception {
        CommandLine cli = Main.commandLine(args);
        CommandLine.ParseResult parsed = cli.parseArgs(args);
        up = (UpCommand) parsed.subcommand().commandSpec().userObject();
        exit = executor.submit(up::call);
        if (!up.awaitReady(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("up did not become ready; exit: " + (exit.isDone() ? exit.get() : "running"));
        }
    }

    static RunningUp start(String[] args) throws Exception {
        return new RunningUp(args);
    }

    String topicsOutput(String bootstrap) {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        int rc = cli.execute("topics", "--bootstrap-servers", bootstrap);
        assertEquals(0, rc, "topics exit code; output:\n" + out);
        return out.toString();
    }

    int stop() throws Exception {
        up.stopAndWait();
        return exit.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        up.stopAndWait();
        executor.shutdownNow();
    }
}
