package dev.trellis.notification.application;

import dev.trellis.platform.domain.Clock;
import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.security.Revocations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Short-lived, single-use tickets that open one badge stream, so that the access token never goes into a URL
 * (EventSource cannot set headers; URLs end up in logs). A ticket is 256 random bits; only its SHA-256 is stored,
 * with the member, the token's session id ({@code sid}) and the token's expiry. Redeeming deletes it (one use, on
 * any replica: the table is shared); a ticket older than {@code trellis.notification.stream-ticket-lifetime} (30 s)
 * or whose token has expired is refused.
 */
@ApplicationScoped
public class StreamTickets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager em;
    private final Clock clock;
    private final Duration lifetime;
    private final Revocations revocations;

    public StreamTickets(EntityManager em, Clock clock, Revocations revocations,
                         @ConfigProperty(name = "trellis.notification.stream-ticket-lifetime") Duration lifetime) {
        this.em = em;
        this.clock = clock;
        this.revocations = revocations;
        this.lifetime = lifetime;
    }

    public record Issued(String ticket, long expiresIn) {
    }

    /** What a redeemed ticket was bound to. */
    public record Redeemed(UUID memberId, String sessionId, Instant tokenExpiresAt) {
    }

    /** A new ticket for the member's token (session {@code sessionId}, may be null; expiring at {@code tokenExpiresAt}). */
    @Transactional
    public Issued issue(UUID memberId, String sessionId, Instant tokenExpiresAt) {
        Instant now = clock.now();
        em.createNativeQuery("DELETE FROM stream_ticket WHERE expires_at <= ?1").setParameter(1, ts(now)).executeUpdate();
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        em.createNativeQuery("INSERT INTO stream_ticket (ticket_hash, member_id, session_id, token_expires_at, expires_at) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, hash(ticket)).setParameter(2, memberId).setParameter(3, sessionId)
                .setParameter(4, ts(tokenExpiresAt)).setParameter(5, ts(now.plus(lifetime))).executeUpdate();
        return new Issued(ticket, lifetime.toSeconds());
    }

    /**
     * Uses the ticket up; 401 invalid-ticket if it is unknown, used, expired, its token has expired, or its token's
     * session was revoked (known to {@link Revocations} before the revocation reached this service's tickets).
     */
    @Transactional
    public Redeemed redeem(String ticket) {
        if (ticket == null || ticket.isBlank() || ticket.length() > 100) {
            throw invalid();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("DELETE FROM stream_ticket WHERE ticket_hash = ?1 "
                        + "RETURNING member_id, session_id, token_expires_at, expires_at")
                .setParameter(1, hash(ticket.strip())).getResultList();
        if (rows.isEmpty()) {
            throw invalid();
        }
        Object[] r = rows.get(0);
        Instant tokenExpires = ReminderSweeper.instant(r[2]);
        Instant expires = ReminderSweeper.instant(r[3]);
        if (!clock.now().isBefore(expires) || !Instant.now().isBefore(tokenExpires) || revocations.isRevoked(r[1])) {
            throw invalid();
        }
        return new Redeemed((UUID) r[0], (String) r[1], tokenExpires);
    }

    private static DomainException invalid() {
        return DomainException.unauthenticated("invalid-ticket", "the stream ticket is unknown, used or expired");
    }

    static String hash(String ticket) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(ticket.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime ts(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
