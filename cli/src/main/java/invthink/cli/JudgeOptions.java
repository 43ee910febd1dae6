package invthink.cli;

import invthink.judge.Judge;
import invthink.judge.llm.LlmJudge;
import invthink.judge.moderation.ModerationJudge;
import invthink.judge.offline.OfflineJudge;
import invthink.openai.ChatClient;
import invthink.openai.OpenAiChatClient;
import invthink.openai.OpenAiConfig;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Which judge a command uses, and where a remote one lives. Mixed into judge, score and up. */
public final class JudgeOptions {

    /** The judges a user can pick. */
    public enum Kind { offline, moderation, llm }

    /** The chat client implementation the LLM judge is built on (the shared OpenAI-compatible client). */

    @Option(names = "--judge", defaultValue = "offline",
            description = "offline (built-in classifier, no network), moderation (OpenAI /v1/moderations) or llm "
                    + "(Llama Guard-style guard plus TRIDENT rubric over a chat-completions endpoint). Default: ${DEFAULT-VALUE}.")
    Kind kind;

    @Option(names = "--moderation-url", defaultValue = "https://api.openai.com/v1",
            description = "Base URL of the moderation API (key from OPENAI_API_KEY). Default: ${DEFAULT-VALUE}.")
    String moderationUrl;

    @Option(names = "--moderation-model", defaultValue = ModerationJudge.DEFAULT_MODEL,
            description = "Moderation model. Default: ${DEFAULT-VALUE}.")
    String moderationModel;

    @Option(names = "--judge-url", defaultValue = "http://localhost:8000/v1",
            description = "Chat-completions base URL of the LLM judge (vLLM, Ollama, OpenAI, a gateway). Default: ${DEFAULT-VALUE}.")
    String judgeUrl;

    @Option(names = "--guard-model", defaultValue = "meta-llama/Llama-Guard-3-8B",
            description = "Guard model of the LLM judge. Default: ${DEFAULT-VALUE}.")
    String guardModel;

    @Option(names = "--guard-template", defaultValue = "true", negatable = true, fallbackValue = "true",
            description = "The guard model applies the Llama Guard chat template itself (true for Llama Guard served by vLLM); "
                    + "--no-guard-template sends the task written out, for any instruction model.")
    boolean guardTemplate;

    @Option(names = "--rubric-model",
            description = "Model that grades harmfulness 1-5 with the TRIDENT-style rubric; without it, harmfulness follows the guard.")
    String rubricModel;

    public Judge create() {
        return switch (kind) {
            case offline -> OfflineJudge.bundled();
            case moderation -> new ModerationJudge(moderationUrl, moderationModel, System.getenv(ModerationJudge.API_KEY_ENV),
                    Duration.ofSeconds(60));
            case llm -> new LlmJudge(chatClient(guardModel), rubricModel == null ? null : chatClient(rubricModel), guardTemplate);
        };
    }

    private ChatClient chatClient(String model) {
        return new OpenAiChatClient(OpenAiConfig.of(judgeUrl, model));
    }
}
