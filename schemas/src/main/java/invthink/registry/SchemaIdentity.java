package invthink.registry;

import java.util.HashSet;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * The equality key the embedded registry uses to decide "same schema, same id".
 *
 * <p>Avro's parsing canonical form ignores formatting, docs and attribute order, which is what
 * makes two spellings of one schema equal. It also drops defaults, aliases and logical types,
 * yet those change how data is resolved or read: a schema that only adds a default must get its
 * own id, or a reader fetching the old text by id would never see the default. So the key is the
 * canonical form followed by exactly those attributes.
 */
final class SchemaIdentity {

    private SchemaIdentity() {
    }

    static String of(Schema schema) {
        StringBuilder extras = new StringBuilder();
        collect(schema, "", extras, new HashSet<>());
        return SchemaNormalization.toParsingForm(schema) + extras;
    }

    private static void collect(Schema schema, String path, StringBuilder out, Set<String> seenNamed) {
        if (schema.getLogicalType() != null) {
            out.append('|').append(path).append("@logical=").append(schema.getObjectProps());
        }
        switch (schema.getType()) {
            case RECORD -> {
                if (!seenNamed.add(schema.getFullName())) {
                    return;
                }
                aliases(schema.getAliases(), path, out);
                for (Schema.Field field : schema.getFields()) {
                    String fieldPath = path + "/" + field.name();
                    if (field.hasDefaultValue()) {
                        out.append('|').append(fieldPath).append("=").append(field.defaultVal());
                    }
                    aliases(field.aliases(), fieldPath, out);
                    collect(field.schema(), fieldPath, out, seenNamed);
                }
            }
            case ENUM -> {
                if (seenNamed.add(schema.getFullName())) {
                    aliases(schema.getAliases(), path, out);
                    if (schema.getEnumDefault() != null) {
                        out.append('|').append(path).append("@enumDefault=").append(schema.getEnumDefault());
                    }
                }
            }
            case FIXED -> {
                if (seenNamed.add(schema.getFullName())) {
                    aliases(schema.getAliases(), path, out);
                }
            }
            case ARRAY -> collect(schema.getElementType(), path + "[]", out, seenNamed);
            case MAP -> collect(schema.getValueType(), path + "{}", out, seenNamed);
            case UNION -> {
                int branch = 0;
                for (Schema type : schema.getTypes()) {
                    collect(type, path + "|" + branch++, out, seenNamed);
                }
            }
            default -> {
                // Primitives carry nothing beyond their logical type.
            }
        }
    }

    private static void aliases(Set<String> aliases, String path, StringBuilder out) {
        if (!aliases.isEmpty()) {
            out.append('|').append(path).append("@aliases=").append(new java.util.TreeSet<>(aliases));
        }
    }
}
