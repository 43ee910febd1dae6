package invthink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import invthink.avro.AugmentedExample;
import invthink.embedded.Ports;
import invthink.teacher.OfflineTeacher;
import invthink.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code invthink up} enriches prompts with the offline teacher by default. */
class UpEnrichTest {

    @TempDir
    Path dataDir;

    @Test
    void upEnrichesPromptsWithTheOfflineTeacherByDefault() throws Exception {
        int kafkaPort = Ports.free();
        int registryPort = Ports.free();
        String[] args = {"up", "--data-dir", dataDir.toString(), "--kafka-port", "" + kafkaPort,
            "--controller-port", "" + Ports.free(), "--registry-port", "" + registryPort, "--routes", "4",
            "--demo=false", "--ingest-port", "0", "--no-dashboard", "--metrics-port", "0", "--no-sft"};
        CommandLine cli = Main.commandLine(args);
        UpCommand up = (UpCommand) cli.parseArgs(args).subcommand().commandSpec().userObject();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> exit = executor.submit(up::call);
            assertTrue(up.awaitReady(90, TimeUnit.SECONDS), "up became ready");
            EnrichStageFixture fx = new EnrichStageFixture("localhost:" + kafkaPort, "http://localhost:" + registryPort,
                    Topics.defaults());
            fx.send(List.of(EnrichStageFixture.prompt("How do I safely dispose of old medication?")));
            List<AugmentedExample> traces = fx.traces(1, Duration.ofSeconds(90));
            assertEquals(1, traces.size());
            AugmentedExample trace = traces.get(0);
            assertEquals(OfflineTeacher.MODEL, trace.getTeacherModel());
            assertEquals(4, trace.getTrace().getHarms().size(), "--routes reaches the teacher");
            assertTrue(trace.getAnswer().startsWith(OfflineTeacher.NOTICE), trace.getAnswer());
            up.stopAndWait();
            assertEquals(0, exit.get(90, TimeUnit.SECONDS));
        } finally {
            up.stopAndWait();
            executor.shutdownNow();
        }
    }
}
