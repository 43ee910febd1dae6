package invthink.cli.ingest;

import invthink.ingest.source.FieldMapping;
import picocli.CommandLine.Option;

/** Which JSON field or CSV column holds what. */
public final class MappingOptions {

    @Option(names = "--text-field", paramLabel = "NAME",
            description = "Field/column with the prompt (default: the first of prompt, text, question, instruction, input, ...).")
    String text;

    @Option(names = "--domain-field", paramLabel = "NAME", defaultValue = "domain",
            description = "Field/column with the domain (default: ${DEFAULT-VALUE}).")
    String domain;

    @Option(names = "--label-field", paramLabel = "NAME", defaultValue = "label",
            description = "Field/column with the expected label, harmful/benign or unsafe/safe (default: ${DEFAULT-VALUE}).")
    String label;

    @Option(names = "--id-field", paramLabel = "NAME", defaultValue = "id",
            description = "Field/column with the row's own id (default: ${DEFAULT-VALUE}).")
    String id;

    @Option(names = "--category-field", paramLabel = "NAME", defaultValue = "category",
            description = "Field/column with the source's category (default: ${DEFAULT-VALUE}).")
    String category;

    @Option(names = "--system-field", paramLabel = "NAME", defaultValue = "system",
            description = "Field/column with a system prompt (default: ${DEFAULT-VALUE}).")
    String system;

    FieldMapping mapping() {
        return new FieldMapping(text, domain, label, id, category, system);
    }
}
