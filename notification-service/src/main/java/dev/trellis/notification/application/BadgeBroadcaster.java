package dev.trellis.notification.application;

import dev.trellis.notification.domain.Badges;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import dev.trellis.platform.store.AfterCommit;
import dev.trellis.platform.store.LongSessions;
import org.jboss.logging.Logger;
import org.postgresql.PGNotification;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Pushes a member's new badge counts to every open session of that member (the SSE streams), on every replica,
 * once the transaction that changed them has committed.
 *
 * <p>A transaction that changes members' counts sends {@code NOTIFY trellis_badges, '<member ids>'}; PostgreSQL
 * delivers it at commit (never for a rollback) to every replica's listening connection, which drops the members'
 * cached counts and pushes the new ones to the sessions it holds. The committing replica also drops its cached
 * counts right after the commit, so a member reads their own change at once. When the listening connection is
 * lost (noticed within seconds: the session is probed, see {@link LongSessions}), nothing is known of the changes in
 * between: on reconnecting every cached count is dropped and every open session gets its counts again.
 */
@ApplicationScoped
public class BadgeBroadcaster {
    public static final String CHANNEL = "trellis_badges";
    /** The payload that drops every cached count (a rebuild). */
    public static final String ALL = "*";
    private static final Logger LOG = Logger.getLogger(BadgeBroadcaster.class);
    private static final Object KEY = BadgeBroadcaster.class;

    /** An open session: receives the member's counts. */
    public interface Session {
        void send(Badges badges);

        /** The session id ({@code sid}) of the token that opened it, or null. */
        default String sessionId() {
            return null;
        }

        /** Ends the session (its token's session was revoked). */
        default void end() {
        }
    }

    /** The payload prefix that ends the streams of revoked sessions: {@code revoke:<member>:<sid>,<sid>...}. */
    static final String REVOKE = "revoke:";

    private final Map<UUID, Set<Session>> sessions = new ConcurrentHashMap<>();
    /** Members whose push is queued: a burst of changes for one member becomes one read and one push. */
    private final Set<UUID> queued = ConcurrentHashMap.newKeySet();
    private final ExecutorService pushes = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "badge-push");
        t.setDaemon(true);
        return t;
    });
    private final Instance<NotificationService> notifications;
    private final BadgeCache cache;
    private final EntityManager em;
    private final LongSessions longSessions;
    private volatile boolean running;
    private Thread listener;

    @Inject
    TransactionSynchronizationRegistry tsr;

    public BadgeBroadcaster(Instance<NotificationService> notifications, BadgeCache cache, EntityManager em,
                            LongSessions longSessions) {
        this.notifications = notifications;
        this.cache = cache;
        this.em = em;
        this.longSessions = longSessions;
    }

    public void open(UUID member, Session session) {
        sessions.computeIfAbsent(member, m -> new CopyOnWriteArraySet<>()).add(session);
    }

    /** Why a session was not opened. */
    public enum Refusal {
        MEMBER_LIMIT, TOTAL_LIMIT
    }

    /**
     * Opens the session unless the member already has {@code perMember} open sessions on this replica, or this
     * replica holds {@code total}; returns null when opened, else why not.
     */
    public synchronized Refusal tryOpen(UUID member, Session session, int perMember, int total) {
        if (openSessions() >= total) {
            return Refusal.TOTAL_LIMIT;
        }
        Set<Session> mine = sessions.get(member);
        if (mine != null && mine.size() >= perMember) {
            return Refusal.MEMBER_LIMIT;
        }
        open(member, session);
        return null;
    }

    /** The member's open sessions on this replica. */
    public int openSessions(UUID member) {
        Set<Session> mine = sessions.get(member);
        return mine == null ? 0 : mine.size();
    }

    public void close(UUID member, Session session) {
        sessions.computeIfPresent(member, (m, set) -> {
            set.remove(session);
            return set.isEmpty() ? null : set;
        });
    }

    public int openSessions() {
        return sessions.values().stream().mapToInt(Set::size).sum();
    }

    /** Every open session (e.g. for a heartbeat). */
    public void each(Consumer<Session> action) {
        sessions.values().forEach(set -> set.forEach(action));
    }

    /**
     * The members' counts may have changed in the current transaction: once it commits, drop their cached counts
     * here and tell every replica (which pushes them to the open sessions).
     */
    @SuppressWarnings("unchecked")
    public void changed(Collection<UUID> members) {
        if (members.isEmpty()) {
            return;
        }
        if (tsr == null || tsr.getTransactionKey() == null) {
            members.forEach(m -> {
                cache.invalidate(m);
                push(m);
            });
            return;
        }
        notifyAll(members); // delivered by PostgreSQL at commit, never for a rollback
        Set<UUID> pending = (Set<UUID>) tsr.getResource(KEY);
        if (pending == null) {
            Set<UUID> fresh = new HashSet<>();
            tsr.putResource(KEY, fresh);
            AfterCommit.run(tsr, () -> fresh.forEach(cache::invalidate));
            pending = fresh;
        }
        pending.addAll(members);
    }

    public void changed(UUID member) {
        changed(Set.of(member));
    }

    /** Drops every cached count on every replica once the current transaction commits. */
    public void changedAll() {
        em.createNativeQuery("SELECT pg_notify(?1, ?2)").setParameter(1, CHANNEL).setParameter(2, ALL).getResultList();
        cache.invalidateAll();
    }

    private void notifyAll(Collection<UUID> members) {
        // a NOTIFY payload holds < 8000 bytes: 150 member ids a time
        List<UUID> list = new ArrayList<>(members);
        for (int i = 0; i < list.size(); i += 150) {
            StringBuilder payload = new StringBuilder();
            for (UUID m : list.subList(i, Math.min(i + 150, list.size()))) {
                if (!payload.isEmpty()) {
                    payload.append(',');
                }
                payload.append(m);
            }
            em.createNativeQuery("SELECT pg_notify(?1, ?2)").setParameter(1, CHANNEL)
                    .setParameter(2, payload.toString()).getResultList();
        }
    }

    /**
     * The member's sessions {@code sessionIds} were revoked (AccessRevoked): once the current transaction commits,
     * every replica ends the badge streams opened with a token of those sessions; their unused stream tickets are
     * deleted at once (the table is shared).
     */
    public void revoked(UUID member, Collection<UUID> sessionIds) {
        if (sessionIds == null || sessionIds.isEmpty()) {
            return;
        }
        List<String> sids = sessionIds.stream().map(UUID::toString).toList();
        em.createNativeQuery("DELETE FROM stream_ticket WHERE member_id = ?1 AND session_id IN (?2)")
                .setParameter(1, member).setParameter(2, sids).executeUpdate();
        for (int i = 0; i < sids.size(); i += 150) {
            em.createNativeQuery("SELECT pg_notify(?1, ?2)").setParameter(1, CHANNEL)
                    .setParameter(2, REVOKE + member + ":" + String.join(",", sids.subList(i, Math.min(i + 150, sids.size()))))
                    .getResultList();
        }
    }

    private void endRevoked(String payload) {
        String[] parts = payload.substring(REVOKE.length()).split(":", 2);
        if (parts.length < 2) {
            return;
        }
        try {
            Set<Session> open = sessions.get(UUID.fromString(parts[0]));
            if (open == null) {
                return;
            }
            Set<String> sids = Set.of(parts[1].split(","));
            for (Session s : open) {
                if (s.sessionId() != null && sids.contains(s.sessionId())) {
                    try {
                        s.end();
                    } catch (RuntimeException e) {
                        LOG.debugf("ending a revoked badge session failed: %s", e.toString());
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            LOG.debugf("ignoring revocation notification %s", payload);
        }
    }

    private void received(String payload) {
        if (payload.startsWith(REVOKE)) {
            endRevoked(payload);
            return;
        }
        if (ALL.equals(payload)) {
            cache.invalidateAll();
            sessions.keySet().forEach(this::push);
            return;
        }
        for (String id : payload.split(",")) {
            try {
                UUID m = UUID.fromString(id.strip());
                cache.invalidate(m);
                push(m);
            } catch (IllegalArgumentException e) {
                LOG.debugf("ignoring badge notification %s", id);
            }
        }
    }

    private void push(UUID member) {
        if (!sessions.containsKey(member) || !queued.add(member)) {
            return; // nobody listening here, or a push is already queued (it will read the latest counts)
        }
        pushes.execute(() -> {
            queued.remove(member);
            Set<Session> open = sessions.get(member);
            if (open == null || open.isEmpty()) {
                return;
            }
            try {
                Badges b = notifications.get().badges(member);
                open.forEach(s -> send(s, b));
            } catch (RuntimeException e) {
                LOG.warnf(e, "cannot push the badges of %s", member);
            }
        });
    }

    private static void send(Session s, Badges b) {
        try {
            s.send(b);
        } catch (RuntimeException e) {
            LOG.debugf("a badge session failed: %s", e.toString());
        }
    }

    void start(@Observes StartupEvent e) {
        running = true;
        listener = new Thread(this::listen, "badge-listener");
        listener.setDaemon(true);
        listener.start();
    }

    private void listen() {
        while (running) {
            // keepalives on the session and a SELECT 1 every few seconds: a dead session is noticed within seconds
            try (LongSessions.LongSession session = longSessions.open("notification-badge-listener")) {
                try (Statement st = session.connection().createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                // changes while nobody listened are unknown: forget every cached count, refresh every session
                received(ALL);
                while (running) {
                    for (PGNotification n : session.notifications(10_000)) {
                        received(n.getParameter());
                    }
                }
            } catch (Exception ex) {
                if (running) {
                    LOG.warnf("badge listener lost its database session (reconnecting): %s", ex.toString());
                    cache.invalidateAll();
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }
    }

    void stop(@Observes ShutdownEvent e) {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
        pushes.shutdownNow();
    }
}
