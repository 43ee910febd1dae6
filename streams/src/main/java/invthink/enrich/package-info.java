/**
 * The enrichment stage: prompts in, teacher-written InvThink traces out, exactly once.
 *
 * <p>Built on plain clients rather than a Kafka Streams processor. Teacher calls take seconds
 * and fail in bursts; a Streams processor would need a changelogged store of pending requests,
 * a wall-clock punctuator to forward finished ones, and still could not pause one input during
 * an outage or bound in-flight calls without fighting the framework. Here one loop thread polls
 * (never waiting on a teacher), issues calls asynchronously under a concurrency cap, pauses the
 * consumer when the cap is reached or the teacher is down ({@link invthink.enrich.OutageBreaker}),
 * and every few milliseconds writes finished results, their dead letters and cache records and
 * commits the input offsets in one short Kafka transaction ({@code sendOffsetsToTransaction}), on
 * a committer thread so that the loop keeps refilling teacher slots during the round trips.
 *
 * <p>Results are written as soon as they are ready, out of offset order; the offset metadata of
 * the same transaction records which records above the committed offset are already done
 * ({@link invthink.enrich.PartitionLedger}), so a restarted stage neither loses nor repeats one.
 * Answers are cached by request hash in a compacted topic ({@link invthink.enrich.TeacherCache})
 * the moment they arrive, so a crash or a duplicate prompt does not pay the teacher twice.
 */
package invthink.enrich;
