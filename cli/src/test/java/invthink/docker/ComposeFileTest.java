package invthink.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import invthink.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * The compose file parses, and every stage service runs a real {@code invthink} subcommand with
 * valid flags; every INVTHINK_ variable in its env files sets a real option of some stage.
 */
class ComposeFileTest {

    private static final Path DOCKER = Path.of("..", "docker");
    private static final String IMAGE = "invthink:latest";
    /** Read by the launcher or the logging config, not by picocli; or secrets read by name. */
    private static final Set<String> NOT_OPTIONS = Set.of("INVTHINK_LOG_FORMAT", "INVTHINK_LOG_LEVEL",
            "INVTHINK_JAVA_OPTS", "INVTHINK_CONFIG", "INVTHINK_INGEST_TOKEN");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws IOException {
        return new Yaml().load(Files.readString(DOCKER.resolve("compose.yml")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        return (Map<String, Map<String, Object>>) compose().get("services");
    }

    @Test
    void everyStageServiceRunsARealSubcommandWithValidFlags() throws IOException {
        int stages = 0;
        for (var entry : services().entrySet()) {
            Map<String, Object> service = entry.getValue();
            if (!IMAGE.equals(service.get("image"))) {
                continue;
            }
            stages++;
            @SuppressWarnings("unchecked")
            List<String> command = (List<String>) service.get("command");
            assertTrue(command != null && !command.isEmpty(), entry.getKey() + " has a command");
            CommandLine.ParseResult parsed = parse(entry.getKey(), command);
            CommandLine.ParseResult leaf = leaf(parsed);
            assertNotEquals("help", leaf.commandSpec().name(), entry.getKey());
            assertTrue(leaf.commandSpec().userObject() instanceof java.util.concurrent.Callable
                    || leaf.commandSpec().userObject() instanceof Runnable, entry.getKey() + " runs a command");
            assertTrue(leaf.commandSpec().subcommands().isEmpty(),
                    entry.getKey() + ": `" + String.join(" ", command) + "` names a command group, not a command");
        }
        assertTrue(stages >= 6, "ingest, enrich, score, sft, dashboard and the one-shots are services");
    }

    @Test
    void stagesAreTheOnesTheIssueListsAndDependenciesExist() throws IOException {
        Map<String, Map<String, Object>> services = services();
        for (String required : List.of("kafka", "schema-registry", "ingest", "enrich", "score", "sft", "grpo-start", "grpo-worker",
                "grpo", "dashboard")) {
            assertTrue(services.containsKey(required), "compose has " + required);
        }
        @SuppressWarnings("unchecked")
        Set<String> volumes = ((Map<String, Object>) compose().get("volumes")).keySet();
        for (var entry : services.entrySet()) {
            Object dependsOn = entry.getValue().get("depends_on");
            if (dependsOn instanceof Map<?, ?> deps) {
                for (Object dep : deps.keySet()) {
                    assertTrue(services.containsKey(dep), entry.getKey() + " depends on a defined service " + dep);
                }
            }
            Object mounts = entry.getValue().get("volumes");
            if (mounts instanceof List<?> list) {
                for (Object mount : list) {
                    String name = mount.toString().split(":")[0];
                    assertTrue(volumes.contains(name), entry.getKey() + " mounts a declared volume " + name);
                }
            }
        }
        assertEquals("gpu", ((List<?>) services.get("teacher").get("profiles")).get(0));
        assertTrue(services.get("teacher").toString().contains("capabilities=[gpu]"), "teacher reserves a GPU");
    }

    @Test
    void everyInvthinkVariableInTheEnvFilesSetsARealOption() throws IOException {
        Set<String> optionVariables = new HashSet<>();
        for (var entry : services().entrySet()) {
            if (IMAGE.equals(entry.getValue().get("image"))) {
                @SuppressWarnings("unchecked")
                List<String> command = (List<String>) entry.getValue().get("command");
                for (CommandLine.Model.OptionSpec option : leaf(parse(entry.getKey(), command)).commandSpec().options()) {
                    optionVariables.add("INVTHINK_" + option.longestName().replaceFirst("^-+", "")
                            .toUpperCase(Locale.ROOT).replace('-', '_'));
                }
            }
        }
        List<String> unknown = new ArrayList<>();
        for (String file : List.of("invthink.env", ".env.example")) {
            for (String line : Files.readAllLines(DOCKER.resolve(file))) {
                String trimmed = line.strip().replaceFirst("^#\\s*", "");
                if (!trimmed.startsWith("INVTHINK_") || !trimmed.contains("=")) {
                    continue;
                }
                String name = trimmed.substring(0, trimmed.indexOf('='));
                if (!NOT_OPTIONS.contains(name) && !optionVariables.contains(name)) {
                    unknown.add(file + ": " + name);
                }
            }
        }
        assertTrue(unknown.isEmpty(), "variables that set no option: " + unknown);
        assertFalse(optionVariables.isEmpty());
    }

    private static CommandLine.ParseResult parse(String service, List<String> command) {
        try {
            return Main.commandLine(command.toArray(String[]::new)).parseArgs(command.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            return fail(service + ": `invthink " + String.join(" ", command) + "` does not parse: " + e.getMessage());
        }
    }

    private static CommandLine.ParseResult leaf(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult last = parsed;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        return last;
    }
}
