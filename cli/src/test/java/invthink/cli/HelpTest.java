package invthink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpTest {

    @Test
    void helpListsEverySubcommandWithADescription() {
        CommandLine cli = Main.commandLine("--help");
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("--help"));
        String help = out.toString();
        assertFalse(cli.getSubcommands().isEmpty());
        for (var entry : cli.getSubcommands().entrySet()) {
            assertTrue(help.contains("  " + entry.getKey() + " "), "help lists " + entry.getKey() + ":\n" + help);
            assertTrue(entry.getValue().getCommandSpec().usageMessage().description().length > 0,
                    entry.getKey() + " has a description");
        }
    }

    @Test
    void unknownOptionIsAUsageErrorNotACrash() {
        CommandLine cli = Main.commandLine("up", "--no-such-flag");
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("up", "--no-such-flag"));
        assertTrue(err.toString().contains("--no-such-flag"), err.toString());
    }
}
