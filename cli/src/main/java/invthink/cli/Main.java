package invthink.cli;

import invthink.bench.BenchCommand;
import invthink.cli.ingest.IngestCommand;
import java.nio.file.Path;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code invthink} command. */
@Command(name = "invthink",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "InvThink Stream: teach language models to reason about harms before they",
            "answer, continuously, from a Kafka stream of prompts.",
            "",
            "`invthink up` runs the whole pipeline on an embedded broker; each stage also",
            "runs alone against your cluster (--bootstrap-servers, --schema-registry-url)."},
        subcommands = {
            UpCommand.class,
            TopicsCommand.class,
            EnrichCommand.class,
            DashboardCommand.class,
            BenchCommand.class,
            JudgeCommand.class,
            ScoreCommand.class,
            EvalCommand.class,
            IngestCommand.class,
            ModelCommand.class,
            TrainCommand.class,
            ServeCommand.class,
            GateCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Below two, CompletableFuture's default executor starts a thread per task (see {@link #main}). */
    private static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";
    /** The JDK's HTTP server (ingest, serve, registry, dashboard, metrics) sets TCP_NODELAY only when asked. */
    private static final String HTTP_SERVER_NODELAY = "sun.net.httpserver.nodelay";

    public static void main(String[] args) {
        // On a 2-core machine the common pool has parallelism 1, and CompletableFuture (which the JDK
        // HttpClient uses to complete every async response) then starts one new thread per task:
        // thousands a second under a teacher at full concurrency. Must be set before the pool exists.
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
            System.setProperty(COMMON_POOL_PARALLELISM, Integer.toString(Math.max(2, Runtime.getRuntime().availableProcessors() - 1)));
        }
        // It writes a response's headers and body separately; without TCP_NODELAY the body waits
        // for the client's delayed ACK, 40 ms on Linux, on every response (measured: 45 ms of a
        // 250 ms teacher call). Must be set before the first server starts.
        if (System.getProperty(HTTP_SERVER_NODELAY) == null) {
            System.setProperty(HTTP_SERVER_NODELAY, "true");
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(commandLine(args).execute(args));
    }

    /** The configured command line; {@code args} are scanned for {@code --config} first. */
    public static CommandLine commandLine(String... args) {
        Path configFile = SettingsProvider.configFileFrom(args, System.getenv());
        CommandLine cli = new CommandLine(new Main());
        cli.setDefaultValueProvider(new SettingsProvider(configFile, System.getenv()));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionStrategy(Main::executeWithMetrics);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println(commandLine.getColorScheme().errorText("error: " + messageOf(e)));
            return 1;
        });
        return cli;
    }

    /** Runs the command, with its Prometheus endpoint up for as long as it runs if it mixes one in. */
    private static int executeWithMetrics(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult last = parsed;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        MetricsOptions metrics = last.commandSpec().mixins().values().stream()
                .map(CommandLine.Model.CommandSpec::userObject)
                .filter(MetricsOptions.class::isInstance).map(MetricsOptions.class::cast)
                .findFirst().orElse(null);
        if (CommandLine.printHelpIfRequested(parsed)) {
            return 0;
        }
        if (metrics == null) {
            return new CommandLine.RunLast().execute(parsed);
        }
        try (AutoCloseable endpoint = metrics.start()) {
            return new CommandLine.RunLast().execute(parsed);
        } catch (CommandLine.ExecutionException e) {
            throw e;
        } catch (Exception e) {
            throw new CommandLine.ExecutionException(last.commandSpec().commandLine(), "closing the metrics endpoint failed", e);
        }
    }

    private static String messageOf(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) {
                sb.append(": ").append(c.getMessage());
            }
        }
        return sb.toString();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
