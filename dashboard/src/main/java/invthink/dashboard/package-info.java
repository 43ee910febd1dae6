/**
 * The live safety dashboard: one HTTP server ({@link invthink.dashboard.DashboardServer}) that
 * reads the metrics, scores, responses, models and dead-letter topics into a bounded view and
 * serves the page, its read-only JSON API, the live event stream and Prometheus metrics. Binds to
 * localhost unless told otherwise; serves nothing that could hold a secret.
 */
package invthink.dashboard;
