package invthink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Flag beats environment beats config file beats default, for properties and YAML files. */
class SettingsProviderTest {

    @TempDir
    Path dir;

    private UpCommand parseUp(Path config, Map<String, String> env, String... flags) {
        CommandLine cli = new CommandLine(new Main());
        cli.setDefaultValueProvider(new SettingsProvider(config, env));
        String[] args = new String[flags.length + 1];
        args[0] = "up";
        System.arraycopy(flags, 0, args, 1, flags.length);
        return (UpCommand) cli.parseArgs(args).subcommand().commandSpec().userObject();
    }

    @Test
    void defaultsApplyWithoutFileOrEnvironment() {
        UpCommand up = parseUp(null, Map.of());
        assertEquals(9092, up.kafkaPort);
        assertEquals(8081, up.registryPort);
        assertEquals("invthink.", up.connection.topicPrefix);
        assertNull(up.connection.bootstrapServers);
    }

    @Test
    void propertiesFileKeysMirrorFlagsAndCommandScopedKeysWin() throws Exception {
        Path file = dir.resolve("invthink.properties");
        Files.writeString(file, "kafka-port=19092\nregistry-port=18081\nup.registry-port=28081\ntopic-prefix=staging.\n");
        UpCommand up = parseUp(file, Map.of());
        assertEquals(19092, up.kafkaPort);
        assertEquals(28081, up.registryPort);
        assertEquals("staging.", up.connection.topicPrefix);
    }

    @Test
    void yamlFilesNest() throws Exception {
        Path file = dir.resolve("invthink.yaml");
        Files.writeString(file, "bootstrap-servers: broker-1:9092,broker-2:9092\nup:\n  kafka-port: 29092\n");
        UpCommand up = parseUp(file, Map.of());
        assertEquals(29092, up.kafkaPort);
        assertEquals("broker-1:9092,broker-2:9092", up.connection.bootstrapServers);
    }

    @Test
    void environmentOverridesFileAndFlagsOverrideBoth() throws Exception {
        Path file = dir.resolve("invthink.properties");
        Files.writeString(file, "kafka-port=19092\nregistry-port=18081\n");
        Map<String, String> env = Map.of("INVTHINK_KAFKA_PORT", "39092", "INVTHINK_REGISTRY_PORT", "38081");
        UpCommand up = parseUp(file, env, "--registry-port", "48081");
        assertEquals(39092, up.kafkaPort);
        assertEquals(48081, up.registryPort);
    }

    @Test
    void configFileIsFoundInArgumentsOrEnvironment() {
        assertEquals(Path.of("a.yaml"), SettingsProvider.configFileFrom(new String[] {"up", "--config", "a.yaml"}, Map.of()));
        assertEquals(Path.of("b.properties"), SettingsProvider.configFileFrom(new String[] {"up", "--config=b.properties"}, Map.of()));
        assertEquals(Path.of("c.yaml"), SettingsProvider.configFileFrom(new String[] {"up"}, Map.of("INVTHINK_CONFIG", "c.yaml")));
        assertNull(SettingsProvider.configFileFrom(new String[] {"up"}, Map.of()));
    }
}
