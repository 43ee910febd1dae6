package invthink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import invthink.dashboard.DashboardSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DashboardOptionsTest {

    private static DashboardCommand parse(String... args) {
        CommandLine cli = Main.commandLine(args);
        return (DashboardCommand) cli.parseArgs(args).subcommand().commandSpec().userObject();
    }

    @Test
    void defaultsBindLocalhostOn8080() {
        DashboardCommand command = parse("dashboard");
        DashboardSettings settings = command.options.settings(command.host, command.connection.topics(),
                command.connection.kafkaConfig(), "http://localhost:8081");
        assertEquals("localhost", settings.host());
        assertEquals(8080, settings.port());
        assertEquals(Duration.ofHours(6), settings.history());
        assertEquals(0.2, settings.thresholds().harmfulRate());
        assertEquals("http://localhost:8081", settings.kafkaConfig().get("schema.registry.url"));
        assertEquals("invthink.metrics", settings.topics().metrics());
    }

    @Test
    void optionsOverrideTheDefaults() {
        DashboardCommand command = parse("dashboard", "--host", "0.0.0.0", "--dashboard-port", "9999",
                "--dashboard-history", "30m", "--alert-harmful-rate", "0.35", "--topic-prefix", "staging.");
        DashboardSettings settings = command.options.settings(command.host, command.connection.topics(), Map.of(),
                "http://registry:8081");
        assertEquals("0.0.0.0", settings.host());
        assertEquals(9999, settings.port());
        assertEquals(Duration.ofMinutes(30), settings.history());
        assertEquals(0.35, settings.thresholds().harmfulRate());
        assertEquals("staging.metrics", settings.topics().metrics());
    }

    @Test
    void durationsReadShortAndIsoForms() {
        DashboardOptions.DurationConverter converter = new DashboardOptions.DurationConverter();
        assertEquals(Duration.ofSeconds(90), converter.convert("90s"));
        assertEquals(Duration.ofDays(2), converter.convert("2d"));
        assertEquals(Duration.ofHours(6), converter.convert("PT6H"));
        assertThrows(CommandLine.TypeConversionException.class, () -> converter.convert("soon"));
        assertThrows(CommandLine.TypeConversionException.class, () -> converter.convert("5w"));
    }

    @Test
    void badValuesAreUsageErrors() {
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("dashboard", "--dashboard-history", "soon"));
        assertTrue(err.toString().contains("not a duration"), err.toString());

        DashboardCommand command = parse("dashboard", "--alert-harmful-rate", "1.5");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> command.options.settings(
                command.host, command.connection.topics(), Map.of(), "http://localhost:8081"));
        assertTrue(e.getMessage().contains("between 0 and 1"), e.getMessage());
    }

    @Test
    void upTakesTheDashboardPortWithoutClashingWithItsHost() {
        String[] args = {"up", "--host", "127.0.0.1", "--dashboard-port", "18080"};
        UpCommand up = (UpCommand) Main.commandLine(args).parseArgs(args).subcommand().commandSpec().userObject();
        assertEquals("127.0.0.1", up.host);
        assertEquals(18080, up.dashboard.port);
    }
}
