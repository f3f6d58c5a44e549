package dev.trellis.connection.store;

import dev.trellis.connection.index.GraphIndex;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.TransactionSynchronizationRegistry;
import dev.trellis.platform.eventstore.EventStoreTail;
import dev.trellis.platform.store.AfterCommit;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import dev.trellis.events.connection.MemberPair;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Holds the in-memory graph index: rebuilt from the {@code connection} table at start-up (and on demand), and
 * changed only after a transaction that changed the table committed, so it always equals the tables. A change
 * committed by this replica is applied by an after-commit callback (at once: a member reads their own write); a
 * change committed by another replica reaches the index through {@link GraphIndexTail}, which follows the event
 * store, so every replica follows every commit.
 * Changes that commit while a rebuild runs are queued and replayed on the new index (adding an edge that is
 * already there, or removing one that is not, changes nothing).
 *
 * <p>Commit order, not callback order: the after-commit callbacks of two transactions on the same pair may run
 * in the other order than their commits (a removal that commits between an addition's commit and the addition's
 * callback). Every change carries the version of the pair's event stream it was decided at; the stream's unique
 * (stream, version) makes those versions follow the commit order, so a change older than the last one applied to
 * its pair is dropped. The versions are kept for a while per pair (callbacks are late by milliseconds, not minutes).
 */
@ApplicationScoped
public class GraphIndexStore {
    private static final Logger LOG = Logger.getLogger(GraphIndexStore.class);
    private final DataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private volatile GraphIndex index = new GraphIndex();
    private boolean rebuilding;
    private final List<Consumer<GraphIndex>> pending = new ArrayList<>();
    /** Where the tail must start to see every commit the last rebuild's table read did not (guarded by this). */
    private EventStoreTail.Cursor rebuiltAt = EventStoreTail.Cursor.START;
    /** The generation of the tables the index was last built from (a swap of the tables raises it). */
    private long generation;

    public GraphIndexStore(DataSource dataSource, TransactionSynchronizationRegistry transactions) {
        this.dataSource = dataSource;
        this.transactions = transactions;
    }

    void onStart(@Observes @Priority(1) StartupEvent ev) {
        rebuild();
    }

    public GraphIndex index() {
        return index;
    }

    /**
     * Adds the edge to the index once the current transaction commits, unless a later change of the pair
     * ({@code version}: the pair stream's version of the change) was applied already.
     */
    public void connectAfterCommit(UUID a, UUID b, long version) {
        afterCommit(a, b, version, g -> g.addEdge(a, b));
    }

    /** Removes the edge from the index once the current transaction commits (same ordering as above). */
    public void disconnectAfterCommit(UUID a, UUID b, long version) {
        afterCommit(a, b, version, g -> g.removeEdge(a, b));
    }

    /**
     * Sets the edge to what the newest change of the pair says ({@code connected}, decided at {@code version} of
     * the pair's stream), unless a change as new or newer was applied already. State, not delta: applying it
     * again, or after an older change, gives the same index.
     */
    public void setEdge(UUID a, UUID b, boolean connected, long version) {
        apply(guarded(a, b, version, g -> {
            if (connected) {
                g.addEdge(a, b);
            } else {
                g.removeEdge(a, b);
            }
        }));
    }

    /** Where a tail must start after the last rebuild, and the table generation it was built from. */
    public synchronized EventStoreTail.Cursor rebuiltAt() {
        return rebuiltAt;
    }

    public synchronized long generation() {
        return generation;
    }

    /** How long the last applied version of a pair is kept once the table of them is large. */
    static final long KEEP_VERSIONS_NANOS = 10L * 60 * 1_000_000_000L;
    static final int PRUNE_ABOVE = 100_000;

    private record Applied(long version, long at) {
    }

    /** The stream version of the last change applied per pair (guarded by this). */
    private final Map<String, Applied> applied = new HashMap<>();

    private void afterCommit(UUID a, UUID b, long version, Consumer<GraphIndex> change) {
        AfterCommit.run(transactions, () -> apply(guarded(a, b, version, change)));
    }

    private Consumer<GraphIndex> guarded(UUID a, UUID b, long version, Consumer<GraphIndex> change) {
        String pair = MemberPair.key(a, b);
        return g -> {
            // called under the store's monitor (apply, rebuild)
            Applied last = applied.get(pair);
            if (last != null && last.version() >= version) {
                return; // a later commit of this pair was applied already
            }
            if (applied.size() >= PRUNE_ABOVE) {
                long now = System.nanoTime();
                applied.values().removeIf(x -> now - x.at() > KEEP_VERSIONS_NANOS);
            }
            applied.put(pair, new Applied(version, System.nanoTime()));
            change.accept(g);
        };
    }

    private synchronized void apply(Consumer<GraphIndex> change) {
        if (rebuilding) {
            pending.add(change);
        } else {
            change.accept(index);
        }
    }

    /** Rebuilds the index from the table; returns the number of connections loaded. */
    public long rebuild() {
        synchronized (this) {
            rebuilding = true;
            pending.clear();
        }
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            // every transaction below the horizon has ended, so the table read below sees its changes; the tail
            // starts there and sees what the read may not (reading some changes twice changes nothing)
            EventStoreTail.Cursor horizon = EventStoreTail.horizon(c);
            c.setAutoCommit(false); // a cursor, not the whole table in memory
            long tables = tableGeneration(c);
            long count = ((Number) scalar(c, "SELECT count(*) FROM connection WHERE member_id < other_id")).longValue();
            GraphIndex.Builder builder = GraphIndex.builder(1024, Math.max(16, count));
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT member_id, other_id FROM connection WHERE member_id < other_id")) {
                ps.setFetchSize(10_000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        builder.addEdge((UUID) rs.getObject(1), (UUID) rs.getObject(2));
                    }
                }
            }
            c.commit();
            GraphIndex built = builder.build();
            synchronized (this) {
                // the versions recorded so far stay: a queued change older than one applied before is still stale
                pending.forEach(change -> change.accept(built));
                pending.clear();
                index = built;
                rebuilding = false;
                rebuiltAt = horizon;
                generation = tables;
            }
            LOG.infof("graph index built: %d members, %d connections in %d ms (%s)", built.memberCount(),
                    built.connectionCount(), (System.nanoTime() - started) / 1_000_000, built.memory());
            return built.connectionCount();
        } catch (SQLException e) {
            synchronized (this) {
                rebuilding = false;
            }
            throw new IllegalStateException("cannot build the graph index", e);
        }
    }

    /** The generation of the graph tables now (graph_index_generation: an operator's swap raises it). */
    static long tableGeneration(Connection c) throws SQLException {
        return ((Number) scalar(c, "SELECT generation FROM graph_index_generation")).longValue();
    }

    private static Object scalar(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getObject(1);
        }
    }
}
