package invthink.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Free ports for embedded servers that need fixed ports in their configuration (the KRaft
 * controller quorum names its port up front), for benchmarks and tests.
 */
public final class Ports {

    /**
     * Every port handed out by this JVM. Linux often gives the port just released to the next
     * bind to port 0, so two calls in a row could name the same port for two servers (seen: the
     * schema registry failing to bind the controller's port).
     */
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private Ports() {
    }

    /** A port that is free now and that no earlier call in this JVM returned. */
    public static synchronized int free() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = probe();
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no unused free port found");
    }

    private static int probe() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
