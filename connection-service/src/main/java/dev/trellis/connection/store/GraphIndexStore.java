package dev.trellis.connection.store;

import dev.trellis.connection.index.GraphIndex;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Holds the in-memory graph index: rebuilt from the {@code connection} table at start-up (and on demand), and
 * changed only after the transaction that changed the table committed, so it always equals the tables.
 * Changes that commit while a rebuild runs are queued and replayed on the new index (adding an edge that is
 * already there, or removing one that is not, changes nothing).
 */
@ApplicationScoped
public class GraphIndexStore {
    private static final Logger LOG = Logger.getLogger(GraphIndexStore.class);
    private final DataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private volatile GraphIndex index = new GraphIndex();
    private boolean rebuilding;
    private final List<Consumer<GraphIndex>> pending = new ArrayList<>();

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

    /** Adds the edge to the index once the current transaction commits. */
    public void connectAfterCommit(UUID a, UUID b) {
        afterCommit(g -> g.addEdge(a, b));
    }

    /** Removes the edge from the index once the current transaction commits. */
    public void disconnectAfterCommit(UUID a, UUID b) {
        afterCommit(g -> g.removeEdge(a, b));
    }

    private void afterCommit(Consumer<GraphIndex> change) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    apply(change);
                }
            }
        });
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
            c.setAutoCommit(false); // a cursor, not the whole table in memory
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
                pending.forEach(change -> change.accept(built));
                pending.clear();
                index = built;
                rebuilding = false;
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

    private static Object scalar(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getObject(1);
        }
    }
}
