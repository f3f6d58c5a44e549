package dev.trellis.platform.eventstore;

import jakarta.enterprise.context.ApplicationScoped;
import dev.trellis.platform.store.AfterCommit;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Tells the outbox relay that publishable events were committed, without a NOTIFY in the appending transaction.
 *
 * <p>A transaction that issued NOTIFY takes PostgreSQL's one global notify-queue lock at commit and keeps it until
 * its commit record is flushed, so every such commit of the database waits for the one before it: group commit
 * never helps. Instead the append registers an after-commit hook. If this replica's relay is the one publishing
 * (it holds the relay lock), the hook wakes it in-process. Otherwise a notifier thread sends one NOTIFY on its own
 * (outside any request's transaction, coalescing the commits that arrived meanwhile) to the replica that relays.
 * The relay also polls, so a lost wake-up delays an event by at most the poll interval, never loses it.
 */
@ApplicationScoped
public class OutboxSignal {
    private static final Logger LOG = Logger.getLogger(OutboxSignal.class);
    private static final Object KEY = new Object();

    private final TransactionSynchronizationRegistry transactions;
    private final DataSource dataSource;
    private final Semaphore local = new Semaphore(0);
    private final Semaphore remote = new Semaphore(0);
    private volatile boolean localRelay;
    private volatile Thread notifier;

    public OutboxSignal(TransactionSynchronizationRegistry transactions, DataSource dataSource) {
        this.transactions = transactions;
        this.dataSource = dataSource;
    }

    /** Called by an append in a transaction: once the transaction commits, the relay hears of it. */
    public void afterCommit() {
        if (transactions.getTransactionKey() == null) {
            committed();
            return;
        }
        if (transactions.getResource(KEY) != null) {
            return; // one hook per transaction
        }
        transactions.putResource(KEY, Boolean.TRUE);
        AfterCommit.run(transactions, this::committed);
    }

    void committed() {
        if (localRelay) {
            local.release();
        } else {
            remote.release();
            if (notifier == null) { // started once, on the first commit of a replica that does not relay
                startNotifier();
            }
        }
    }

    /** Wakes this replica's relay (a NOTIFY of another replica's commit arrived). */
    public void wake() {
        local.release();
    }

    /** The relay of this replica publishes (true) or waits for the relay lock (false). */
    public void localRelay(boolean publishing) {
        localRelay = publishing;
    }

    /**
     * Waits until a local commit (or a NOTIFY) is signalled or {@code millis} passed. Drains the signals, since one
     * relay batch reads everything committed so far.
     */
    public void awaitLocal(long millis) throws InterruptedException {
        if (local.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
            local.drainPermits();
        }
    }

    private synchronized void startNotifier() {
        if (notifier != null) {
            return;
        }
        notifier = new Thread(this::notifyLoop, "outbox-notifier");
        notifier.setDaemon(true);
        notifier.start();
    }

    private void notifyLoop() {
        while (true) {
            try {
                remote.acquire();
                remote.drainPermits();
                if (localRelay) {
                    local.release();
                    continue;
                }
                try (Connection c = dataSource.getConnection();
                     PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, '')")) {
                    ps.setString(1, EventStore.NOTIFY_CHANNEL);
                    ps.execute();
                } catch (SQLException e) {
                    LOG.debugf("outbox notify failed (the relay's poll picks the events up): %s", e.toString());
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
