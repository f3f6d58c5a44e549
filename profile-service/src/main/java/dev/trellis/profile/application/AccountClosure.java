package dev.trellis.profile.application;

import dev.trellis.events.TrellisEvent;
import dev.trellis.platform.crypto.KeyVault;
import dev.trellis.platform.domain.Clock;
import dev.trellis.platform.eventstore.EventStore;
import dev.trellis.platform.eventstore.EventStream;
import dev.trellis.profile.domain.Member;
import dev.trellis.profile.store.CredentialEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/**
 * Closing an account ({@code DELETE /members/me}), in three steps, each safe to repeat:
 * <ol>
 * <li>{@link MemberService#beginClosing}: the password is checked, the member is marked closing (log-ins refused)
 * and every session ends (AccessRevoked);</li>
 * <li>the key vault erases the member's key: from here on every personal field of their events, in every event
 * store and on every topic, reads as a placeholder;</li>
 * <li>one transaction appends AccountClosed (which every service acts on) and deletes every row this service keeps
 * about the member: profile, credential (the e-mail), sessions, sign-ups, mails, log-in throttles, follows, group
 * memberships, blocks, the connection and invitation projections and contact imports.</li>
 * </ol>
 * A kill -9 between the steps leaves the member closing; {@link #sweep} (at start and every
 * {@code trellis.account-closure.sweep-every}) finishes every such closing, on any replica.
 */
@ApplicationScoped
public class AccountClosure {
    private static final Logger LOG = Logger.getLogger(AccountClosure.class);

    private final MemberService members;
    private final KeyVault keys;
    private final EventStore store;
    private final EntityManager em;
    private final Clock clock;

    public AccountClosure(MemberService members, KeyVault keys, EventStore store, EntityManager em, Clock clock) {
        this.members = members;
        this.keys = keys;
        this.store = store;
        this.em = em;
        this.clock = clock;
    }

    /** Closes the member's account (idempotent: a closing already begun is finished). */
    public void close(UUID member, String password, UUID currentSession, String client) {
        members.beginClosing(member, password, currentSession, client);
        finish(member);
    }

    /** Steps 2 and 3 for a member marked closing; nothing if the closing was finished already. */
    public void finish(UUID member) {
        keys.erase(member);
        boolean done = QuarkusTransaction.requiringNew().call(() -> forget(member));
        if (done) {
            LOG.infof("account of member %s closed: key erased, rows deleted, AccountClosed appended", member);
        }
    }

    /** Finishes the closings a crash interrupted. */
    @Scheduled(every = "${trellis.account-closure.sweep-every:30s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        sweepNow();
    }

    /** Finishes every closing found unfinished (at most 100 a call). */
    public void sweepNow() {
        List<UUID> closing = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "SELECT c.memberId FROM CredentialEntity c WHERE c.closingSince IS NOT NULL", UUID.class)
                .setMaxResults(100).getResultList());
        for (UUID member : closing) {
            try {
                finish(member);
            } catch (RuntimeException e) {
                LOG.warnf("closing the account of %s is not finished yet (retried): %s", member, e.toString());
            }
        }
    }

    private boolean forget(UUID member) {
        CredentialEntity c = em.find(CredentialEntity.class, member, LockModeType.PESSIMISTIC_WRITE);
        if (c == null || c.closingSince == null) {
            return false;
        }
        EventStream stream = store.load(Member.streamId(member));
        List<TrellisEvent> events = Member.close(stream.events(), clock.now());
        store.append(stream.streamId(), stream.version(), events);
        String hmac = c.emailHmac;
        sql("UPDATE member_group g SET member_count = greatest(member_count - 1, 0) FROM group_membership m "
                + "WHERE m.group_id = g.group_id AND m.member_id = ?1", member);
        sql("DELETE FROM group_membership WHERE member_id = ?1", member);
        sql("DELETE FROM follow WHERE follower_id = ?1 OR followee_id = ?1", member);
        sql("DELETE FROM member_block WHERE blocker_id = ?1 OR blocked_id = ?1", member);
        sql("DELETE FROM member_connection WHERE member_id = ?1 OR other_id = ?1", member);
        sql("DELETE FROM invitation WHERE from_member = ?1 OR to_member = ?1", member);
        sql("DELETE FROM contact_import WHERE member_id = ?1", member);
        sql("DELETE FROM refresh_token WHERE member_id = ?1", member);
        sql("DELETE FROM profile WHERE member_id = ?1", member);
        sql("DELETE FROM pending_sign_up WHERE email_key = ?1", hmac);
        sql("DELETE FROM mail_outbox WHERE to_key = ?1", hmac);
        sql("DELETE FROM login_throttle WHERE throttle_key = ?1 OR throttle_key LIKE ?2", "a:" + hmac,
                "p:" + hmac + ":%");
        em.remove(c);
        return true;
    }

    private void sql(String statement, Object... parameters) {
        var q = em.createNativeQuery(statement);
        for (int i = 0; i < parameters.length; i++) {
            q.setParameter(i + 1, parameters[i]);
        }
        q.executeUpdate();
    }
}
