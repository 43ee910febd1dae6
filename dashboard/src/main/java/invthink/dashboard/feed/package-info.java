/**
 * Where the dashboard's numbers come from: one plain consumer that reads the metrics, scores,
 * responses, models and dead-letter topics into the view (assigned, not in a group, so every
 * dashboard sees everything and commits nothing), and a probe that asks the broker for end
 * offsets and consumer-group offsets to derive each stage's throughput and lag.
 */
package invthink.dashboard.feed;
