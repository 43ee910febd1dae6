package invthink.cli;

import invthink.grpo.GrpoAfterSft;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code invthink train grpo-start}: the GRPO starting point, copied from SFT's first published version. */
@Command(name = "grpo-start", mixinStandardHelpOptions = true,
        description = {"Wait for the first SFT ModelVersion on the models topic and copy its checkpoint to --out, the",
            "starting policy (and KL reference) of train grpo and train grpo-worker. Returns at once when --out",
            "holds a model already, so it is safe as a one-shot before them."})
final class GrpoStartCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the starting checkpoint goes.")
    Path out;

    @Override
    public Integer call() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(stop::countDown, "grpo-start-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean copied = GrpoAfterSft.awaitFirstSftVersion(connection.kafkaConfig(), connection.topics(), out,
                () -> stop.getCount() == 0);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running
        }
        return copied ? 0 : 1;
    }
}
