package invthink.cli;

import invthink.model.CausalLm;
import invthink.model.Devices;
import invthink.serve.OpenAiServer;
import invthink.tokenizer.TextTokenizer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code invthink serve}: an OpenAI-compatible endpoint for a checkpoint. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a checkpoint with the OpenAI API: /v1/models, /v1/chat/completions (streaming and not),",
            "/v1/completions. Point any OpenAI client at http://HOST:PORT/v1."})
final class ServeCommand implements Callable<Integer> {

    @Mixin
    MetricsOptions metrics;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Hugging Face checkpoint directory.")
    Path model;

    @Option(names = "--served-model-name", description = "Model id clients send and see (default: the directory name).")
    String name;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8000", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu or gpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Override
    public Integer call() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        try (TextTokenizer tok = TextTokenizer.load(model);
             CausalLm lm = CausalLm.load(model, Devices.resolve(device));
             OpenAiServer server = new OpenAiServer(lm, tok, name != null ? name : model.toAbsolutePath().getFileName().toString(), host, port)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "serve-shutdown"));
            stop.await();
        }
        return 0;
    }
}
