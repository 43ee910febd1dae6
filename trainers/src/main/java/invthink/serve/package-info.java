/**
 * An OpenAI-compatible HTTP API for one checkpoint ({@code /v1/models},
 * {@code /v1/chat/completions} with and without streaming, {@code /v1/completions}) on the
 * JDK's HTTP server, so evaluation, users' OpenAI clients and the teacher/judge clients can
 * talk to a trained policy.
 */
package invthink.serve;
