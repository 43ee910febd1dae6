package invthink.eval;

import invthink.eval.baseline.BaselinePrompts;
import invthink.eval.run.EvalContext;
import invthink.eval.run.EvalRunner;
import invthink.eval.run.EvalSettings;
import invthink.judge.Judge;
import invthink.openai.LocalChatServer;
import invthink.openai.OpenAiChatClient;
import invthink.openai.OpenAiConfig;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;

/** Test plumbing: a context whose model is a scripted endpoint on a real socket, and the fixture folders. */
public final class EvalFixtures {

    private EvalFixtures() {
    }

    public static EvalContext context(LocalChatServer server, Judge judge, EvalSettings settings) {
        OpenAiConfig config = OpenAiConfig.of(server.baseUrl(), "scripted").withApiKeyEnv(null).withRequestTimeout(Duration.ofSeconds(20))
                .withRetries(0, Duration.ofMillis(10), Duration.ofMillis(10));
        return new EvalContext(new OpenAiChatClient(config), judge, new BaselinePrompts(3), new EvalRunner(4), settings);
    }

    public static Path fixture(String name) {
        try {
            return Path.of(EvalFixtures.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The shared data folder, or null when this machine has none. */
    public static Path sharedData() {
        Path p = Path.of("/work/shared/data");
        return p.toFile().isDirectory() ? p : null;
    }
}
