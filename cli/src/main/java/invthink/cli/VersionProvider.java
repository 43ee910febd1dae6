package invthink.cli;

import picocli.CommandLine;

/** Reports the version from the jar manifest, and the Kafka client version it was built with. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {
            "invthink " + (version == null ? "development build" : version),
            "kafka clients " + org.apache.kafka.common.utils.AppInfoParser.getVersion(),
            "java " + System.getProperty("java.version")};
    }
}
