/**
 * What the dashboard shows, as plain records, and the bounded in-memory view that folds topic
 * records into them: metric windows, model versions, training curves, dead letters, flagged
 * responses, broker throughput and the alerts derived from them. Every change the view accepts
 * becomes one live event, so the page and the JSON API always agree.
 */
package invthink.dashboard.view;
