package dev.trellis.connection.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.events.EventTypes;
import dev.trellis.events.connection.ConnectionMade;
import dev.trellis.events.connection.ConnectionRemoved;
import dev.trellis.platform.eventstore.EventStoreTail;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Makes this replica's graph index follow every change of the graph, whichever replica committed it: a thread
 * reads the service's event store after the last place it read ({@link EventStoreTail}), and for each pair whose
 * connection changed sets the index to the pair's newest change. It polls every {@code trellis.graph.tail-interval}
 * (100 ms), so another replica's commit is in this replica's index within about that time; this replica's own
 * commits are in at once (after-commit callbacks in {@link GraphIndexStore}).
 *
 * <p>After an operator swapped rebuilt tables in (a raised {@code graph_index_generation}), the index is rebuilt
 * from the tables. Readiness ({@code graph-index}): UP once the tail has read everything committed so far, and DOWN
 * when it has not managed to for {@code trellis.graph.tail-ready-lag} (10 s), e.g. while the database is away: a
 * replica that cannot follow the graph answers from a stale one, so it should take no traffic.
 */
@Readiness
@ApplicationScoped
public class GraphIndexTail implements HealthCheck {
    private static final Logger LOG = Logger.getLogger(GraphIndexTail.class);
    private static final String MADE = EventTypes.typeOf(ConnectionMade.class);
    static final List<String> TYPES = List.of(MADE, EventTypes.typeOf(ConnectionRemoved.class));
    private static final int BATCH = 1000;

    private final DataSource dataSource;
    private final GraphIndexStore store;
    private final ObjectMapper json;
    private final Duration interval;
    private final Duration readyLag;
    private volatile boolean running;
    private volatile long caughtUpAt; // System.nanoTime() of the last read that reached the horizon; 0 = never
    private volatile long applied;
    private volatile Exception lastError;
    private final Object wake = new Object();
    private Thread thread;

    public GraphIndexTail(DataSource dataSource, GraphIndexStore store, ObjectMapper json,
                          @ConfigProperty(name = "trellis.graph.tail-interval", defaultValue = "PT0.1S") Duration interval,
                          @ConfigProperty(name = "trellis.graph.tail-ready-lag", defaultValue = "PT10S") Duration readyLag) {
        this.dataSource = dataSource;
        this.store = store;
        this.json = json;
        this.interval = interval;
        this.readyLag = readyLag;
    }

    void onStart(@Observes @Priority(2) StartupEvent ev) {
        running = true;
        thread = new Thread(this::run, "graph-index-tail");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent ev) throws InterruptedException {
        running = false;
        wake();
        if (thread != null) {
            thread.join(5_000);
        }
    }

    private void wake() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    private void run() {
        EventStoreTail.Cursor builtAt = store.rebuiltAt();
        EventStoreTail.Cursor cursor = builtAt;
        long lastWarn = 0;
        while (running) {
            boolean more = false;
            try (Connection c = dataSource.getConnection()) {
                if (GraphIndexStore.tableGeneration(c) != store.generation()) {
                    LOG.info("the graph tables were swapped by an operator: rebuilding this replica's index");
                    store.rebuild();
                }
                if (!store.rebuiltAt().equals(builtAt)) {
                    builtAt = store.rebuiltAt(); // a rebuild read the tables anew: follow on from where it read
                    cursor = builtAt;
                }
                EventStoreTail.Batch batch = EventStoreTail.after(c, cursor, TYPES, BATCH);
                apply(c, batch.rows());
                cursor = batch.next();
                more = !batch.caughtUp();
                if (batch.caughtUp()) {
                    caughtUpAt = System.nanoTime();
                }
                lastError = null;
            } catch (Exception e) {
                lastError = e;
                if (System.nanoTime() - lastWarn > 10_000_000_000L) {
                    LOG.warnf("graph index tail cannot read the event store (retrying): %s", e.toString());
                    lastWarn = System.nanoTime();
                }
            }
            if (!more) {
                pause(lastError == null ? interval.toMillis() : 1_000);
            }
        }
    }

    private void apply(Connection c, List<EventStoreTail.Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        Set<String> streams = new LinkedHashSet<>();
        rows.forEach(r -> streams.add(r.streamId()));
        Map<String, EventStoreTail.Row> latest = EventStoreTail.latest(c, streams, TYPES);
        for (EventStoreTail.Row r : latest.values()) {
            JsonNode payload;
            try {
                payload = json.readTree(r.payload());
            } catch (Exception e) {
                throw new IllegalStateException("unreadable " + r.eventType() + " at position " + r.position(), e);
            }
            UUID a = UUID.fromString(payload.get("memberA").asText());
            UUID b = UUID.fromString(payload.get("memberB").asText());
            store.setEdge(a, b, r.eventType().equals(MADE), r.streamVersion());
        }
        applied += latest.size();
    }

    private void pause(long millis) {
        synchronized (wake) {
            try {
                wake.wait(Math.max(1, millis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    @Override
    public HealthCheckResponse call() {
        long at = caughtUpAt;
        boolean ready = at != 0 && System.nanoTime() - at <= readyLag.toNanos();
        var b = HealthCheckResponse.named("graph-index").withData("connections", store.index().connectionCount())
                .withData("tailApplied", applied);
        if (at != 0) {
            b.withData("caughtUpMillisAgo", (System.nanoTime() - at) / 1_000_000);
        }
        if (lastError != null) {
            b.withData("lastError", lastError.toString());
        }
        return b.status(ready).build();
    }
}
