/**
 * The {@code invthink} command: one picocli subcommand per pipeline job, and the options every
 * command shares for reaching Kafka and the schema registry.
 *
 * <p>Settings resolve in the order a user expects from a twelve-factor service: command-line
 * flag, then environment variable ({@code INVTHINK_KAFKA_PORT} for {@code --kafka-port}), then
 * the {@code --config} file (properties or YAML, keys named like the flags), then the default.
 */
package invthink.cli;
