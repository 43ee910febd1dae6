/**
 * HTTP ingest: {@code POST /v1/prompts} with one prompt or an array, answered with the ids once
 * the broker has them. All or nothing per request: a request with a malformed entry is refused
 * with 400 naming each bad entry (and each goes to the dead-letter queue); a body over the limit
 * is refused with 413. Binds to localhost by default; an optional bearer token guards it.
 */
package invthink.ingest.http;
