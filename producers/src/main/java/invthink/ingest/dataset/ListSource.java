package invthink.ingest.dataset;

import invthink.ingest.source.ItemSource;
import invthink.ingest.source.SourceItem;
import java.util.Iterator;
import java.util.List;

/** Items read up front from a file that is one document (JSON, a prompt pair): the total is known. */
final class ListSource implements ItemSource {

    private final List<SourceItem> items;
    private final Iterator<SourceItem> it;
    private final String name;

    ListSource(String name, List<SourceItem> items) {
        this.name = name;
        this.items = List.copyOf(items);
        this.it = this.items.iterator();
    }

    @Override
    public SourceItem next() {
        return it.hasNext() ? it.next() : null;
    }

    @Override
    public long expectedTotal() {
        return items.size();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
    }
}
