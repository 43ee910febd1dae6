/**
 * The live safety dashboard: a web page and JSON API fed from the metrics, models and
 * dead-letter topics.
 */
package invthink.dashboard;
