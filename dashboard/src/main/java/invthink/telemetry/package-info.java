/**
 * Prometheus exposition for long-running commands: an HTTP handler that scrapes a registry and
 * answers in the format the scraper asks for, to mount on any {@code com.sun.net.httpserver}
 * server at {@code /metrics}.
 */
package invthink.telemetry;
