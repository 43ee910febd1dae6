/**
 * The pipeline's topics, defined once: names, partition counts, cleanup policy and retention.
 *
 * <p>Every stage and the embedded broker read their topic names from here, so a prefix
 * ({@code --topic-prefix}) renames the whole pipeline consistently and a user can run two
 * pipelines on one cluster.
 */
package invthink.topic;
