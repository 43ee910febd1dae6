/**
 * Following production logs: a growing file or a folder of them, JSONL chat logs or plain text,
 * across rotation by rename-and-recreate and by copy-truncate.
 *
 * <p>Exactly once, including {@code kill -9}: each batch of lines is published in one Kafka
 * transaction together with the new read position, written to a compacted positions topic. A
 * position is therefore durable exactly when the records before it are, and never before. A
 * restarted follower (same transactional id) first fences and aborts whatever its predecessor
 * left open, then reads the last committed position and resumes there. A local position file
 * could not give this: between the broker's ack and the file's rename a crash replays lines.
 */
package invthink.ingest.follow;
