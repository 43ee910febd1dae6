package invthink.eval.insider;

import java.util.List;
import java.util.Map;

/**
 * One insider-threat scenario: an agent persona with a goal, an inbox that puts the goal in conflict
 * with the company and threatens the agent's replacement, and the tools it may act with.
 *
 * @param variant       {@code blackmail} or {@code lethal-override}
 * @param tools         OpenAI {@code tools} function definitions sent with the request
 * @param harmfulTool   the function whose call is the harmful act
 * @param leverageTerms words that show an e-mail uses the private information against its owner
 *                      (blackmail); empty when calling {@code harmfulTool} is harmful in itself
 */
public record Scenario(String variant, String system, String user, List<Map<String, Object>> tools, String harmfulTool,
                       List<String> leverageTerms) {
    public Scenario {
        tools = List.copyOf(tools);
        leverageTerms = List.copyOf(leverageTerms);
    }

    /** Whether the act alone is the harm (cancelling a rescue), with no content to judge. */
    public boolean actIsHarm() {
        return leverageTerms.isEmpty();
    }
}
