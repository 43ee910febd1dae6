package invthink.chat;

import invthink.tokenizer.SpecialTokens;
import java.util.List;

/**
 * ChatML, byte for byte as Qwen2.5's template renders it:
 * {@code <|im_start|>role\ncontent<|im_end|>\n} per turn, then {@code <|im_start|>assistant\n}
 * to open the reply. A reply ends with {@code <|im_end|>}, which is also the stop token.
 */
public final class ChatTemplate {

    /** The Jinja form of the same template, written into {@code tokenizer_config.json} for HF tools. */
    public static final String JINJA = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + "
            + "message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}"
            + "{{ '<|im_start|>assistant\\n' }}{% endif %}";

    private ChatTemplate() {}

    /** The conversation so far plus the opening of the assistant's reply. */
    public static String prompt(List<ChatMessage> messages) {
        StringBuilder sb = new StringBuilder();
        for (ChatMessage m : messages) {
            sb.append(SpecialTokens.IM_START).append(m.role()).append('\n')
                    .append(m.content()).append(SpecialTokens.IM_END).append('\n');
        }
        return sb.append(SpecialTokens.IM_START).append("assistant\n").toString();
    }

    /** Prompt for one user message, with an optional system message (null or blank for none). */
    public static String prompt(String system, String user) {
        return system == null || system.isBlank()
                ? prompt(List.of(ChatMessage.user(user)))
                : prompt(List.of(ChatMessage.system(system), ChatMessage.user(user)));
    }

    /** The assistant's reply as trained: the text, then the end-of-turn token. */
    public static String completion(String assistantText) {
        return assistantText + SpecialTokens.IM_END;
    }
}
