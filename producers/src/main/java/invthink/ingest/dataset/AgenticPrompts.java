package invthink.ingest.dataset;

import invthink.hazard.Domains;
import invthink.ingest.source.ItemSource;
import invthink.ingest.source.Malformed;
import invthink.ingest.source.SourceItem;
import invthink.ingest.source.Utf8;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * agentic-misalignment scenarios: a system prompt that sets up the agent and a user prompt (the
 * inbox it must act on). Files pair by name: {@code X_system_prompt_Y.txt} with
 * {@code X_user_prompt_Y.txt}, or {@code system_prompt.txt} with {@code user_prompt.txt} (and
 * {@code email_content.txt}, appended to the user prompt as the upstream runner does) in one
 * scenario folder. The scenario name before {@code system_prompt} is the source category.
 */
final class AgenticPrompts {

    private static final String SYSTEM = "system_prompt";
    private static final String USER = "user_prompt";
    private static final String EMAILS = "email_content";

    private AgenticPrompts() {
    }

    static ItemSource read(Path path) throws IOException {
        List<Path> systems = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.walk(path)) {
                s.filter(p -> p.getFileName().toString().contains(SYSTEM) && p.toString().endsWith(".txt"))
                        .sorted().forEach(systems::add);
            }
        } else if (path.getFileName().toString().contains(SYSTEM)) {
            systems.add(path);
        } else if (!Files.exists(path)) {
            throw new IOException("no such file or directory: " + path);
        } else {
            throw new IOException(path + ": expected a *system_prompt*.txt file or a folder of them");
        }
        if (systems.isEmpty()) {
            throw new IOException("no *system_prompt*.txt files under " + path);
        }
        List<SourceItem> items = new ArrayList<>();
        for (Path system : systems) {
            items.add(scenario(system));
        }
        return new ListSource("dataset:agentic", items);
    }

    private static SourceItem scenario(Path systemFile) throws IOException {
        String name = systemFile.getFileName().toString();
        Path userFile = systemFile.resolveSibling(name.replace(SYSTEM, USER));
        Path emailFile = systemFile.resolveSibling(name.replace(SYSTEM, EMAILS));
        byte[] systemBytes = Files.readAllBytes(systemFile);
        String location = systemFile.getParent().getFileName() + "/" + name;
        if (!Files.isRegularFile(userFile)) {
            return new Malformed(location, systemBytes, Malformed.MISSING_FIELD, "no user prompt " + userFile.getFileName()
                    + " beside the system prompt");
        }
        byte[] userBytes = Files.readAllBytes(userFile);
        String system = Utf8.decode(systemBytes);
        String user = Utf8.decode(userBytes);
        if (system == null || user == null) {
            return new Malformed(location, system == null ? systemBytes : userBytes, Malformed.INVALID_UTF8,
                    (system == null ? name : userFile.getFileName()) + " is not valid UTF-8");
        }
        if (Files.isRegularFile(emailFile)) {
            String emails = Utf8.decode(Files.readAllBytes(emailFile));
            if (emails != null) {
                user = user.strip() + "\n\n" + emails.strip();
            }
        }
        String scenario = name.substring(0, name.indexOf(SYSTEM)).replaceAll("[_\\-]+$", "");
        if (scenario.isEmpty()) {
            scenario = systemFile.getParent().getFileName().toString();
        }
        return new Row("agentic", "dataset:agentic", location, userBytes)
                .domain(Domains.AGENTIC)
                .system(system)
                .put(invthink.prompt.PromptMetadata.SOURCE_CATEGORY, scenario)
                .put(invthink.prompt.PromptMetadata.SOURCE_ID, name.replace(SYSTEM, "scenario").replace(".txt", ""))
                .text(user, USER);
    }
}
