package dev.trellis.profile.application;

import dev.trellis.platform.domain.Clock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;

/**
 * Deletes what identity no longer needs, every {@code trellis.identity.purge-every}: refresh tokens that expired,
 * revoked ones {@code trellis.refresh-token.keep-revoked} after their revocation (kept that long so that a stolen
 * token presented again is still recognised as reused), throttle counters untouched for
 * {@code trellis.login.backoff-reset} whose back-off is over, sign-ups whose code expired, and mails older than
 * {@code trellis.mail.keep}.
 */
@ApplicationScoped
public class IdentityPurge {
    private static final Logger LOG = Logger.getLogger(IdentityPurge.class);
    private final EntityManager em;
    private final Clock clock;
    private final Duration keepRevoked;
    private final Duration throttleIdle;
    private final Duration keepMail;

    public IdentityPurge(EntityManager em, Clock clock,
                         @ConfigProperty(name = "trellis.refresh-token.keep-revoked") Duration keepRevoked,
                         @ConfigProperty(name = "trellis.login.backoff-reset") Duration throttleIdle,
                         @ConfigProperty(name = "trellis.mail.keep") Duration keepMail) {
        this.em = em;
        this.clock = clock;
        this.keepRevoked = keepRevoked;
        this.throttleIdle = throttleIdle;
        this.keepMail = keepMail;
    }

    @Scheduled(every = "${trellis.identity.purge-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "30s")
    void scheduled() {
        purge();
    }

    public record Purged(int refreshTokens, int throttleRows, int pendingSignUps, int mails) {
    }

    public Purged purge() {
        Instant now = clock.now();
        Purged p = QuarkusTransaction.requiringNew().call(() -> new Purged(
                em.createNativeQuery("DELETE FROM refresh_token WHERE expires_at <= ?1 OR revoked_at <= ?2")
                        .setParameter(1, now).setParameter(2, now.minus(keepRevoked)).executeUpdate(),
                em.createNativeQuery("DELETE FROM login_throttle WHERE updated_at <= ?1 "
                                + "AND (next_allowed IS NULL OR next_allowed <= ?2)")
                        .setParameter(1, now.minus(throttleIdle)).setParameter(2, now).executeUpdate(),
                em.createNativeQuery("DELETE FROM pending_sign_up WHERE expires_at <= ?1")
                        .setParameter(1, now).executeUpdate(),
                em.createNativeQuery("DELETE FROM mail_outbox WHERE created_at <= ?1")
                        .setParameter(1, now.minus(keepMail)).executeUpdate()));
        if (p.refreshTokens() + p.throttleRows() + p.pendingSignUps() + p.mails() > 0) {
            LOG.infof("purged %d refresh token(s), %d throttle row(s), %d pending sign-up(s), %d mail(s)",
                    p.refreshTokens(), p.throttleRows(), p.pendingSignUps(), p.mails());
        }
        return p;
    }
}
