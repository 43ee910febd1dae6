/**
 * Live updates to browsers over server-sent events: a bounded, numbered event log whose ids let a
 * reconnecting client resume without gaps, and one bounded queue per client so a slow reader is
 * dropped instead of holding up the rest.
 */
package invthink.dashboard.live;
