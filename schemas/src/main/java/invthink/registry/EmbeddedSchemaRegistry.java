package invthink.registry;
// TEMPORARY STUB - not to be committed
public final class EmbeddedSchemaRegistry implements AutoCloseable {
    private final int port;
    private final com.sun.net.httpserver.HttpServer server;
    private EmbeddedSchemaRegistry(com.sun.net.httpserver.HttpServer s) { this.server = s; this.port = s.getAddress().getPort(); }
    public static EmbeddedSchemaRegistry start(java.util.Map<String,Object> kafka, String topic, String host, int port) {
        try { var s = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress(host, port), 0);
        s.createContext("/", ex -> { byte[] b = "[]".getBytes(); ex.sendResponseHeaders(200, b.length); ex.getResponseBody().write(b); ex.close(); });
        s.start(); return new EmbeddedSchemaRegistry(s);} catch (Exception e) { throw new RuntimeException(e); }
    }
    public String url() { return "http://localhost:" + port; }
    public void close() { server.stop(0); }
}
