/**
 * Safety metrics windows: harmful-response rate, mean harmfulness, safety score, refusal and
 * over-refusal rates by model version, domain, hazard category and source, in tumbling windows
 * updated live and closed with a final record, hopping trend windows, and threshold alerts.
 */
package invthink.metrics;
