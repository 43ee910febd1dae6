package invthink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Default values for options from the environment and from a config file.
 *
 * <p>An option {@code --kafka-port} of command {@code up} is looked up as the environment
 * variable {@code INVTHINK_KAFKA_PORT}, then as the file keys {@code up.kafka-port} and
 * {@code kafka-port}. YAML files nest: {@code up: {kafka-port: 9092}} is {@code up.kafka-port}.
 */
final class SettingsProvider implements CommandLine.IDefaultValueProvider {

    static final String CONFIG_OPTION = "--config";
    static final String CONFIG_ENV = "INVTHINK_CONFIG";
    private static final String ENV_PREFIX = "INVTHINK_";

    private final Map<String, String> file;
    private final Map<String, String> env;

    SettingsProvider(Path configFile, Map<String, String> env) {
        this.file = configFile == null ? Map.of() : load(configFile);
        this.env = env;
    }

    /** The config file named by {@code --config} in {@code args}, else by the environment, else null. */
    static Path configFileFrom(String[] args, Map<String, String> env) {
        for (int i = 0; i < args.length; i++) {
            if (i > 0 && args[i].equals("init") && args[i - 1].equals("model")) {
                break; // `model init --config NAME|config.json` names a model architecture, not a settings file
            }
            if (args[i].equals(CONFIG_OPTION) && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith(CONFIG_OPTION + "=")) {
                return Path.of(args[i].substring(CONFIG_OPTION.length() + 1));
            }
        }
        String fromEnv = env.get(CONFIG_ENV);
        return fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || option.longestName().equals(CONFIG_OPTION)) {
            return null;
        }
        String key = option.longestName().replaceFirst("^-+", "");
        String fromEnv = env.get(ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('-', '_'));
        if (fromEnv != null) {
            return fromEnv;
        }
        CommandLine.Model.CommandSpec command = option.command();
        if (command != null && command.parent() != null) {
            String scoped = file.get(command.qualifiedName(".").replaceFirst("^[^.]+\\.", "") + "." + key);
            if (scoped != null) {
                return scoped;
            }
        }
        return file.get(key);
    }

    private static Map<String, String> load(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            Map<String, String> values = new HashMap<>();
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                flatten("", new ObjectMapper(new YAMLFactory()).readTree(reader), values);
            } else {
                Properties props = new Properties();
                props.load(reader);
                props.stringPropertyNames().forEach(k -> values.put(k, props.getProperty(k)));
            }
            return values;
        } catch (IOException e) {
            throw new CommandLine.ParameterException(new CommandLine(new Main()),
                    "cannot read config file " + path + ": " + e.getMessage());
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            StringBuilder joined = new StringBuilder();
            node.forEach(v -> joined.append(joined.length() == 0 ? "" : ",").append(v.asText()));
            out.put(prefix, joined.toString());
        } else {
            out.put(prefix, node.asText());
        }
    }
}
