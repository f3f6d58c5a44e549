package dev.trellis.notification.application;

import dev.trellis.notification.application.PrivateEvents.FollowUpSettled;
import dev.trellis.notification.application.PrivateEvents.ReminderSent;
import dev.trellis.notification.domain.NotificationKind;
import dev.trellis.notification.domain.Reminders;
import dev.trellis.platform.domain.Clock;
import dev.trellis.platform.store.LongSessions;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Follow-up reminders and check-in suggestions (see {@link Reminders}), by a periodic sweep over the connection
 * projection. What it decides is recorded as a private event and applied by the same code a replay uses.
 */
@ApplicationScoped
public class ReminderSweeper {
    private static final Logger LOG = Logger.getLogger(ReminderSweeper.class);
    private static final int BATCH = 500;

    private final EntityManager em;
    private final Clock clock;
    private final Journal journal;
    private final NotificationService notifications;
    private final Reminders.Periods periods;
    private final LongSessions sessions;

    public ReminderSweeper(EntityManager em, Clock clock, Journal journal, NotificationService notifications,
                           LongSessions sessions,
                           @ConfigProperty(name = "trellis.notification.follow-up-after") Duration followUpAfter,
                           @ConfigProperty(name = "trellis.notification.follow-up-within") Duration followUpWithin,
                           @ConfigProperty(name = "trellis.notification.nurture-quiet-for") Duration quietFor,
                           @ConfigProperty(name = "trellis.notification.nurture-every") Duration nurtureEvery) {
        this.em = em;
        this.clock = clock;
        this.journal = journal;
        this.notifications = notifications;
        this.sessions = sessions;
        this.periods = new Reminders.Periods(followUpAfter, followUpWithin, quietFor, nurtureEvery);
    }

    @Scheduled(every = "${trellis.notification.sweep-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "10s")
    void scheduled() {
        sweep();
    }

    /**
     * One sweep; returns how many reminders it sent. One replica sweeps at a time (0 here while another one does);
     * each follow-up is decided again under the connection's row lock, so even overlapping sweeps remind once.
     */
    public int sweep() {
        return sessions.exclusively("notification-reminders", () -> followUps() + checkIns()).orElse(0);
    }

    private record Pair(UUID a, UUID b, Instant connectedAt, Instant lastMessageAt, Instant nurturedA, Instant nurturedB) {
    }

    /**
     * Follow-ups: only the rows a decision can be made on now (due, or a message since connecting), read in keyset
     * order (connected_at, member_a, member_b) after the last row of the previous batch, so that a row the sweep
     * leaves as it is can never be read again in the same sweep (no endless re-reading of the same batch).
     */
    private int followUps() {
        int sent = 0;
        Instant now = clock.now();
        Instant bound = now.minus(periods.followUpAfter());
        Pair last = null;
        while (true) {
            Pair after = last;
            List<Pair> due = QuarkusTransaction.requiringNew().call(() -> pairs(
                    "SELECT member_a, member_b, connected_at, last_message_at, nurtured_a_at, nurtured_b_at FROM connection "
                            + "WHERE NOT follow_up_done AND removed_at IS NULL "
                            + "AND (connected_at <= ?1 OR last_message_at >= connected_at) "
                            + "AND NOT EXISTS (SELECT 1 FROM block k WHERE (k.blocker = connection.member_a AND k.blocked = connection.member_b) "
                            + "OR (k.blocker = connection.member_b AND k.blocked = connection.member_a)) "
                            + (after == null ? "" : "AND (connected_at, member_a, member_b) > (?2, ?3, ?4) ")
                            + "ORDER BY connected_at, member_a, member_b LIMIT " + BATCH, bound, after));
            for (Pair p : due) {
                Reminders.FollowUp decision = Reminders.followUp(p.connectedAt(), p.lastMessageAt(), now, periods);
                if (decision == Reminders.FollowUp.REMIND) {
                    boolean reminded = QuarkusTransaction.requiringNew().call(() -> {
                        if (!followUpOpen(p)) {
                            return false; // decided meanwhile (another sweep)
                        }
                        for (UUID[] side : new UUID[][]{{p.a(), p.b()}, {p.b(), p.a()}}) {
                            ReminderSent r = new ReminderSent(side[0], side[1], NotificationKind.FOLLOW_UP_REMINDER.name(),
                                    p.connectedAt(), now);
                            journal.record(r);
                            applyReminder(r);
                        }
                        return true;
                    });
                    if (reminded) {
                        sent += 2;
                    }
                } else if (decision == Reminders.FollowUp.SETTLED) {
                    QuarkusTransaction.requiringNew().run(() -> {
                        if (!followUpOpen(p)) {
                            return;
                        }
                        FollowUpSettled s = new FollowUpSettled(p.a(), p.b(), now);
                        journal.record(s);
                        applySettled(s);
                    });
                }
            }
            if (due.size() < BATCH) {
                return sent;
            }
            last = due.get(due.size() - 1);
        }
    }

    /** Whether the pair's follow-up is still undecided, read under its row lock (held to the end of the transaction). */
    private boolean followUpOpen(Pair p) {
        List<?> row = em.createNativeQuery("SELECT follow_up_done FROM connection WHERE member_a = ?1 AND member_b = ?2 "
                        + "AND removed_at IS NULL FOR UPDATE")
                .setParameter(1, p.a()).setParameter(2, p.b()).getResultList();
        return !row.isEmpty() && !Boolean.TRUE.equals(row.get(0));
    }

    private int checkIns() {
        int sent = 0;
        Instant now = clock.now();
        long offset = 0;
        while (true) {
            long from = offset;
            List<Pair> quiet = QuarkusTransaction.requiringNew().call(() -> pairs(
                    "SELECT member_a, member_b, connected_at, last_message_at, nurtured_a_at, nurtured_b_at FROM connection "
                            + "WHERE removed_at IS NULL AND COALESCE(last_message_at, connected_at) <= ?1 "
                            + "AND NOT EXISTS (SELECT 1 FROM block k WHERE (k.blocker = connection.member_a AND k.blocked = connection.member_b) "
                            + "OR (k.blocker = connection.member_b AND k.blocked = connection.member_a)) "
                            + "ORDER BY COALESCE(last_message_at, connected_at), member_a, member_b OFFSET " + from
                            + " LIMIT " + BATCH, now.minus(periods.quietFor())));
            for (Pair p : quiet) {
                for (int i = 0; i < 2; i++) {
                    UUID member = i == 0 ? p.a() : p.b();
                    UUID other = i == 0 ? p.b() : p.a();
                    Instant nurturedAt = i == 0 ? p.nurturedA() : p.nurturedB();
                    boolean done = Boolean.TRUE.equals(QuarkusTransaction.requiringNew().call(() -> {
                        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                                .setParameter(1, "nurture-" + member).getSingleResult();
                        @SuppressWarnings("unchecked")
                        List<Object> last = em.createNativeQuery("SELECT last_suggested_at FROM nurture_mark WHERE member_id = ?1")
                                .setParameter(1, member).getResultList();
                        Instant lastAll = last.isEmpty() ? null : instant(last.get(0));
                        if (!Reminders.suggestCheckIn(p.connectedAt(), p.lastMessageAt(), nurturedAt, lastAll, now, periods)) {
                            return false;
                        }
                        ReminderSent r = new ReminderSent(member, other, NotificationKind.CHECK_IN_SUGGESTION.name(),
                                Reminders.quietSince(p.connectedAt(), p.lastMessageAt()), now);
                        journal.record(r);
                        applyReminder(r);
                        return true;
                    }));
                    if (done) {
                        sent++;
                    }
                }
            }
            if (quiet.size() < BATCH) {
                return sent;
            }
            offset += BATCH;
        }
    }

    /** Applies a decided reminder: the notification and the marks that keep it from coming again. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyReminder(ReminderSent r) {
        UUID[] p = MessagingService.pair(r.memberId(), r.otherMemberId());
        boolean isA = p[0].equals(r.memberId());
        if (NotificationKind.FOLLOW_UP_REMINDER.name().equals(r.kind())) {
            notifications.apply(List.of(Reminders.followUpReminder(r.memberId(), r.otherMemberId(), r.since(), r.at())));
            em.createNativeQuery("UPDATE connection SET follow_up_done = TRUE WHERE member_a = ?1 AND member_b = ?2")
                    .setParameter(1, p[0]).setParameter(2, p[1]).executeUpdate();
        } else if (NotificationKind.CHECK_IN_SUGGESTION.name().equals(r.kind())) {
            notifications.apply(List.of(Reminders.checkIn(r.memberId(), r.otherMemberId(), r.since(), r.at())));
            em.createNativeQuery("UPDATE connection SET " + (isA ? "nurtured_a_at" : "nurtured_b_at") + " = ?3 "
                            + "WHERE member_a = ?1 AND member_b = ?2")
                    .setParameter(1, p[0]).setParameter(2, p[1]).setParameter(3, ts(r.at())).executeUpdate();
            em.createNativeQuery("INSERT INTO nurture_mark (member_id, last_suggested_at) VALUES (?1, ?2) "
                            + "ON CONFLICT (member_id) DO UPDATE SET last_suggested_at = GREATEST(nurture_mark.last_suggested_at, EXCLUDED.last_suggested_at)")
                    .setParameter(1, r.memberId()).setParameter(2, ts(r.at())).executeUpdate();
        } else {
            LOG.warnf("unknown reminder kind %s", r.kind());
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void applySettled(FollowUpSettled s) {
        UUID[] p = MessagingService.pair(s.memberA(), s.memberB());
        em.createNativeQuery("UPDATE connection SET follow_up_done = TRUE WHERE member_a = ?1 AND member_b = ?2")
                .setParameter(1, p[0]).setParameter(2, p[1]).executeUpdate();
    }

    private List<Pair> pairs(String sql, Instant bound) {
        return pairs(sql, bound, null);
    }

    /** {@code after}: the last pair of the previous batch (parameters 2-4), or null for the first batch. */
    @SuppressWarnings("unchecked")
    private List<Pair> pairs(String sql, Instant bound, Pair after) {
        var q = em.createNativeQuery(sql).setParameter(1, ts(bound));
        if (after != null) {
            q.setParameter(2, ts(after.connectedAt())).setParameter(3, after.a()).setParameter(4, after.b());
        }
        List<Object[]> rows = q.getResultList();
        List<Pair> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new Pair((UUID) r[0], (UUID) r[1], instant(r[2]), instant(r[3]), instant(r[4]), instant(r[5])));
        }
        return out;
    }

    static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("not a timestamp: " + o.getClass());
    }

    private static OffsetDateTime ts(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
