package invthink.registry;

import org.apache.avro.Schema;

/**
 * One version of a subject as the registry reports it.
 *
 * @param schema the schema text exactly as the registry returned it
 */
public record SchemaVersion(String subject, int id, int version, String schema) {

    /** Parses the schema text; each call uses a fresh parser so named types never clash. */
    public Schema parsed() {
        return new Schema.Parser().parse(schema);
    }
}
