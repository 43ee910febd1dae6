package invthink.cli;

import ai.djl.Device;
import invthink.avro.ModelVersion;
import invthink.gate.Endpoints;
import invthink.model.CausalLm;
import invthink.openai.ChatClient;
import invthink.openai.ChatRequest;
import invthink.openai.ChatResponse;
import invthink.openai.OpenAiChatClient;
import invthink.openai.OpenAiConfig;
import invthink.serve.OpenAiServer;
import invthink.tokenizer.TextTokenizer;
import java.io.FileNotFoundException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The gate's endpoints in a pipeline that trains its own checkpoints: each version's checkpoint is
 * loaded and served in this process on an ephemeral port of 127.0.0.1 by the same server as
 * {@code invthink serve}, and evaluated over HTTP with the OpenAI client, so the gate measures
 * exactly what a deployment would serve. Closing the client stops the server and frees the model.
 */
final class ServedCheckpoints implements Endpoints {

    /** The server generates one request at a time, so a request may wait for all before it. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(30);
    private static final String LOOPBACK = "127.0.0.1";

    private final Device device;

    ServedCheckpoints(Device device) {
        this.device = device;
    }

    /** The checkpoint directory a version names: a {@code file:} URI or a plain path. */
    static Path checkpointDir(ModelVersion version) {
        String uri = version.getCheckpointUri();
        return uri.startsWith("file:") ? Path.of(URI.create(uri)) : Path.of(uri);
    }

    @Override
    public ChatClient open(ModelVersion version) throws Exception {
        Path dir = checkpointDir(version);
        if (!Files.isDirectory(dir)) {
            throw new FileNotFoundException("checkpoint " + dir + " of " + version.getId() + " is gone (removed by --save-total-limit?)");
        }
        TextTokenizer tokenizer = TextTokenizer.load(dir);
        CausalLm model = null;
        OpenAiServer server = null;
        try {
            model = CausalLm.load(dir, device);
            server = new OpenAiServer(model, tokenizer, version.getId(), LOOPBACK, 0);
            OpenAiConfig config = OpenAiConfig.of("http://" + LOOPBACK + ":" + server.port() + "/v1", version.getId())
                    .withApiKeyEnv(null)
                    .withRequestTimeout(REQUEST_TIMEOUT)
                    // A retry would generate the same answer again behind the others; a local server that fails will fail again.
                    .withRetries(0, Duration.ZERO, Duration.ZERO);
            return new Served(new OpenAiChatClient(config), server, model, tokenizer);
        } catch (Exception | Error e) {
            if (server != null) {
                server.close();
            }
            if (model != null) {
                model.close();
            }
            tokenizer.close();
            throw e;
        }
    }

    /** A client whose close also stops the server and releases the model it serves. */
    private record Served(OpenAiChatClient client, OpenAiServer server, CausalLm lm, TextTokenizer tokenizer) implements ChatClient {

        @Override
        public CompletableFuture<ChatResponse> complete(ChatRequest request) {
            return client.complete(request);
        }

        @Override
        public String model() {
            return client.model();
        }

        @Override
        public void close() {
            client.close();
            server.close();
            lm.close();
            tokenizer.close();
        }
    }
}
