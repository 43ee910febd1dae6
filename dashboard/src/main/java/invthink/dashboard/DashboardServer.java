package invthink.dashboard;

import com.sun.net.httpserver.HttpServer;
import invthink.dashboard.feed.BrokerProbe;
import invthink.dashboard.feed.TopicFeed;
import invthink.dashboard.live.EventLog;
import invthink.dashboard.live.SseHandler;
import invthink.dashboard.view.AlertRules;
import invthink.dashboard.view.DashboardView;
import invthink.telemetry.PrometheusHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live safety dashboard: reads the topics into a bounded view and serves the page
 * ({@code /}), its JSON API ({@code /api/*}), the live event stream ({@code /events}) and the
 * process's Prometheus metrics ({@code /metrics}) from one {@code com.sun.net.httpserver}.
 */
public final class DashboardServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    private static final String UPLOT_POM = "META-INF/maven/org.webjars.npm/uplot/pom.properties";

    private final HttpServer http;
    private final ExecutorService executor;
    private final TopicFeed feed;
    private final BrokerProbe probe;
    private final DashboardView view;
    private final EventLog events;
    private final SseHandler sse;
    private final String url;

    private DashboardServer(HttpServer http, ExecutorService executor, TopicFeed feed, BrokerProbe probe,
                            DashboardView view, EventLog events, SseHandler sse, String url) {
        this.http = http;
        this.executor = executor;
        this.feed = feed;
        this.probe = probe;
        this.view = view;
        this.events = events;
        this.sse = sse;
        this.url = url;
    }

    public static DashboardServer start(DashboardSettings settings) {
        Clock clock = Clock.systemUTC();
        EventLog events = new EventLog(settings.replayEvents());
        DashboardView view = new DashboardView(events, settings.limits(), new AlertRules(settings.thresholds()), clock);
        SseHandler sse = new SseHandler(events, settings.clientQueue(), settings.maxClients(),
                settings.heartbeat().toMillis());
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("dashboard cannot listen on " + settings.host() + ":" + settings.port()
                    + ": " + e.getMessage(), e);
        }
        // One thread per live stream: each blocks on its own client only. Bounded by maxClients
        // plus the short API requests.
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dashboard-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(executor);
        http.createContext("/", new StaticHandler(Map.of(
                "uPlot.iife.min.js", webjar("dist/uPlot.iife.min.js"),
                "uPlot.min.css", webjar("dist/uPlot.min.css"))));
        http.createContext("/api/", new ApiHandler(view));
        http.createContext("/events", sse);
        http.createContext("/metrics", new PrometheusHandler());
        http.start();

        TopicFeed feed = null;
        BrokerProbe probe = null;
        try {
            feed = new TopicFeed(settings.kafkaConfig(), settings.topics(), view, settings.history(),
                    settings.rediscovery(), clock).start();
            probe = new BrokerProbe(settings.kafkaConfig(), settings.topics(), view, settings.probeInterval(), clock)
                    .start();
        } catch (RuntimeException e) {
            if (feed != null) {
                feed.close();
            }
            http.stop(0);
            executor.shutdownNow();
            throw e;
        }
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        String url = "http://" + host + ":" + http.getAddress().getPort() + "/";
        LOG.info("dashboard at {} (topics {}*)", url, settings.topics().prefix());
        return new DashboardServer(http, executor, feed, probe, view, events, sse, url);
    }

    private static String webjar(String file) {
        Properties pom = new Properties();
        try (InputStream in = DashboardServer.class.getClassLoader().getResourceAsStream(UPLOT_POM)) {
            if (in == null) {
                throw new IllegalStateException("the uPlot webjar is missing from the classpath (" + UPLOT_POM + ")");
            }
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "META-INF/resources/webjars/uplot/" + pom.getProperty("version") + "/" + file;
    }

    /** The page's address, e.g. {@code http://localhost:8080/}. */
    public String url() {
        return url;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public DashboardView view() {
        return view;
    }

    /** Live-stream clients dropped so far for reading too slowly. */
    public long slowClientsDropped() {
        return events.evictions();
    }

    /** Live-stream connections open now. */
    public int liveConnections() {
        return sse.openConnections();
    }

    @Override
    public void close() {
        probe.close();
        feed.close();
        // Closing the server closes every connection, which also unblocks writes to stuck clients.
        http.stop(0);
        executor.shutdownNow();
        LOG.info("dashboard stopped");
    }
}
