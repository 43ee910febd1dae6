/**
 * A run's results as files (Markdown with the run record and tables, CSV one row per benchmark x
 * baseline x group, PNG bar charts) and as {@code SafetyMetric} records on the metrics topic.
 */
package invthink.eval.report;
