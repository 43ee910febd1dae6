package invthink.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/** Applies a compatibility level with Avro's own reader/writer resolution rules. */
final class CompatibilityChecker {

    /** A live version of the subject, oldest first in the lists passed here. */
    record Existing(int version, Schema schema) {
    }

    private CompatibilityChecker() {
    }

    /**
     * @return Avro's incompatibility messages, empty when {@code candidate} may be registered
     */
    static List<String> problems(CompatibilityLevel level, Schema candidate, List<Existing> live) {
        if (level == CompatibilityLevel.NONE || live.isEmpty()) {
            return List.of();
        }
        List<Existing> against = level.transitive() ? live : List.of(live.get(live.size() - 1));
        List<String> problems = new ArrayList<>();
        for (Existing existing : against) {
            if (level.backward()) {
                collect(SchemaCompatibility.checkReaderWriterCompatibility(candidate, existing.schema()).getResult(),
                        "new schema cannot read data written with version " + existing.version(), problems);
            }
            if (level.forward()) {
                collect(SchemaCompatibility.checkReaderWriterCompatibility(existing.schema(), candidate).getResult(),
                        "version " + existing.version() + " cannot read data written with the new schema", problems);
            }
        }
        return problems;
    }

    private static void collect(SchemaCompatibilityResult result, String direction, List<String> out) {
        if (result.getCompatibility() != SchemaCompatibilityType.INCOMPATIBLE) {
            return;
        }
        for (Incompatibility incompatibility : result.getIncompatibilities()) {
            // Confluent's message layout, so tools that show these details read them unchanged.
            out.add("{errorType:'" + incompatibility.getType() + "', description:'" + incompatibility.getMessage()
                    + " at path '" + incompatibility.getLocation() + "' (" + direction + ")', additionalInfo:'"
                    + incompatibility.getLocation() + "'}");
        }
    }
}
