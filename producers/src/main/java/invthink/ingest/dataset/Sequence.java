package invthink.ingest.dataset;

import invthink.ingest.source.ItemSource;
import invthink.ingest.source.SourceItem;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Several sources read one after the other (a dataset split over files), opened lazily. */
final class Sequence implements ItemSource {

    interface Opener {
        ItemSource open() throws IOException;
    }

    private final Deque<Opener> pending;
    private final String name;
    private ItemSource current;

    Sequence(String name, List<Opener> parts) {
        this.name = name;
        this.pending = new ArrayDeque<>(parts);
    }

    @Override
    public SourceItem next() throws IOException {
        while (true) {
            if (current == null) {
                if (pending.isEmpty()) {
                    return null;
                }
                current = pending.poll().open();
            }
            SourceItem item = current.next();
            if (item != null) {
                return item;
            }
            current.close();
            current = null;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
        }
    }
}
