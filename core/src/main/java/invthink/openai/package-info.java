/**
 * The OpenAI-compatible chat-completions protocol that vLLM, Ollama, OpenAI, LiteLLM and most
 * gateways speak. Teachers and LLM judges talk to models only through {@link invthink.openai.ChatClient},
 * so one client (connection reuse, timeouts, retries honouring Retry-After, API key from the
 * environment) serves every stage.
 */
package invthink.openai;
