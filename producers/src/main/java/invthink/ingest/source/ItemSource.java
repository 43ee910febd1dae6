package invthink.ingest.source;

import java.io.Closeable;
import java.io.IOException;

/** A finite sequence of items read from one place. Not thread-safe. */
public interface ItemSource extends Closeable {

    /** The next item, or null at the end. */
    SourceItem next() throws IOException;

    /** How many items to expect, or -1 when unknown (for the progress bar). */
    default long expectedTotal() {
        return -1;
    }

    /** The source name recorded on every prompt: kind:name. */
    String name();
}
