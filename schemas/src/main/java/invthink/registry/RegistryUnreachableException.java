package invthink.registry;

import java.net.URI;
import java.util.List;

/** No configured registry URL answered within the retry budget. */
public class RegistryUnreachableException extends SchemaRegistryException {

    private final List<URI> urls;

    public RegistryUnreachableException(List<URI> urls, int attempts, String context, Throwable cause) {
        super(NO_RESPONSE, NO_RESPONSE, "no answer from schema registry " + urls + " after " + attempts
                + " attempt(s): " + (cause == null ? "unknown cause" : cause.toString()), context, cause);
        this.urls = List.copyOf(urls);
    }

    public List<URI> urls() {
        return urls;
    }
}
