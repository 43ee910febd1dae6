package invthink.cli.ingest;

import invthink.cli.MetricsOptions;
import invthink.cli.ConnectionOptions;
import invthink.ingest.http.HttpIngestServer;
import invthink.ingest.publish.IngestProducers;
import invthink.ingest.publish.IngestPublisher;
import invthink.ingest.publish.IngestSummary;
import invthink.ingest.publish.RecentIds;
import invthink.prompt.PromptPreparer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.producer.KafkaProducer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code invthink ingest http}: serve POST /v1/prompts until Ctrl-C. */
@Command(name = "http", mixinStandardHelpOptions = true,
        description = {"Serve POST /v1/prompts: one prompt ({\"text\": ...}), a string, or an array of them;",
            "answers with the ids once the broker has them, 400 naming each malformed entry, 413 for",
            "an oversized body. Set the token's environment variable to require a bearer token."})
public final class HttpCommand implements Callable<Integer> {

    public static final String DEFAULT_TOKEN_ENV = "INVTHINK_INGEST_TOKEN";

    @Mixin
    ConnectionOptions connection;

    @Mixin
    MetricsOptions metrics;

    @Mixin
    IngestOptions ingest;

    @Option(names = "--host", defaultValue = HttpIngestServer.DEFAULT_HOST,
            description = "Interface to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 exposes ingest to the network).")
    String host;

    @Option(names = "--port", defaultValue = "8090", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--max-body-bytes", defaultValue = "" + HttpIngestServer.DEFAULT_MAX_BODY_BYTES,
            description = "Larger request bodies get 413 (default: ${DEFAULT-VALUE}).")
    int maxBodyBytes;

    @Option(names = "--token-env", defaultValue = DEFAULT_TOKEN_ENV, paramLabel = "VAR",
            description = "Environment variable holding the bearer token; unset means no token (default: ${DEFAULT-VALUE}).")
    String tokenEnv;

    @Spec
    CommandSpec spec;

    /** The token from the environment, or null; never logged. */
    public static String token(String variable) {
        String t = System.getenv(variable);
        return t == null || t.isBlank() ? null : t;
    }

    @Override
    public Integer call() throws Exception {
        Publishing.ensureTopics(connection.kafkaConfig(), connection.topics());
        IngestSummary summary = new IngestSummary();
        CountDownLatch stopped = new CountDownLatch(1);
        try (KafkaProducer<byte[], Object> producer = IngestProducers.create(connection.kafkaConfig(), "invthink-http-ingest", null);
             HttpIngestServer server = HttpIngestServer.start(new HttpIngestServer.Settings(host, port, maxBodyBytes,
                     token(tokenEnv)), new IngestPublisher(producer, connection.topics(),
                     new PromptPreparer(ingest.maxPromptBytes), new RecentIds(1_000_000), summary))) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "invthink-http-stop"));
            spec.commandLine().getErr().println("HTTP ingest on " + server.url() + HttpIngestServer.PATH + "; Ctrl-C to stop");
            stopped.await();
        } finally {
            spec.commandLine().getOut().println(summary.render());
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
