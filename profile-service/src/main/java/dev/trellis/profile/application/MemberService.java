package dev.trellis.profile.application;

import dev.trellis.events.TrellisEvent;
import dev.trellis.platform.domain.Clock;
import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.eventstore.EventStore;
import dev.trellis.platform.observability.Correlation;
import dev.trellis.profile.domain.LoginThrottle;
import dev.trellis.profile.domain.Member;
import dev.trellis.profile.domain.PasswordPolicy;
import dev.trellis.profile.domain.Text;
import dev.trellis.profile.store.CredentialEntity;
import dev.trellis.profile.store.LoginThrottleEntity;
import dev.trellis.profile.store.ProfileEntity;
import dev.trellis.profile.store.RefreshTokenEntity;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.exception.ConstraintViolationException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Identity: sign-up, log-in (with a per-address throttle), refresh-token rotation, log-out and password change.
 * Credentials and refresh tokens are plain rows, never events (see docs/architecture.md).
 */
@ApplicationScoped
public class MemberService {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EventStore store;
    private final Clock clock;
    private final EntityManager em;
    private final TokenIssuer tokens;
    private final EmailHasher hasher;
    private final LoginThrottle.Policy throttle;
    private final Duration refreshLifetime;
    /** Compared against when the address is unknown, so a wrong address costs as much time as a wrong password. */
    private final String dummyHash = BcryptUtil.bcryptHash("not a password of anyone");

    public MemberService(EventStore store, Clock clock, EntityManager em, TokenIssuer tokens, EmailHasher hasher,
                         @ConfigProperty(name = "trellis.login.max-failures") int maxFailures,
                         @ConfigProperty(name = "trellis.login.window") Duration window,
                         @ConfigProperty(name = "trellis.login.lock") Duration lock,
                         @ConfigProperty(name = "trellis.refresh-token.lifetime") Duration refreshLifetime) {
        this.store = store;
        this.clock = clock;
        this.em = em;
        this.tokens = tokens;
        this.hasher = hasher;
        this.throttle = new LoginThrottle.Policy(maxFailures, window, lock);
        this.refreshLifetime = refreshLifetime;
    }

    /** What sign-up, log-in and refresh hand out. */
    public record Session(UUID memberId, String accessToken, long expiresIn, String refreshToken,
                          long refreshExpiresIn) {
    }

    public record SignedUp(ProfileEntity profile, Session session) {
    }

    @Transactional
    public SignedUp signUp(String email, String password, String firstName, String lastName, String headline) {
        PasswordPolicy.check("password", password);
        String address = Text.line("email", email.strip());
        if (CredentialEntity.byEmail(address).isPresent()) {
            throw DomainException.conflict("email-taken", "an account with this e-mail address already exists");
        }
        UUID id = UUID.randomUUID();
        Correlation.set(Correlation.correlationId(), null, id.toString());
        List<TrellisEvent> events = Member.signUp(id, firstName, lastName, headline, clock.now());
        CredentialEntity c = new CredentialEntity();
        c.memberId = id;
        c.email = address;
        c.emailHmac = hasher.hmac(address);
        c.passwordHash = BcryptUtil.bcryptHash(password);
        try {
            c.persistAndFlush();
        } catch (PersistenceException e) {
            if (e instanceof ConstraintViolationException || e.getCause() instanceof ConstraintViolationException) {
                throw DomainException.conflict("email-taken", "an account with this e-mail address already exists");
            }
            throw e;
        }
        store.append(Member.streamId(id), 0, events);
        ProfileEntity p = new ProfileEntity();
        events.forEach(p::apply);
        p.persist();
        return new SignedUp(p, newSession(id));
    }

    /**
     * A session for valid credentials; the same 401 whether the address or the password is wrong. After too many
     * failures for one address, log-in is refused with 429 (Retry-After) for a while, even with the right password.
     * The failure count commits even though the attempt is refused.
     */
    public Session logIn(String email, String password) {
        Text.line("email", email.strip());   // surrounding whitespace (a tab too) is trimmed, as everywhere
        String key = hasher.hmac(email);
        Object outcome = QuarkusTransaction.requiringNew().call(() -> attempt(key, email, password));
        if (outcome instanceof DomainException refused) {
            throw refused;
        }
        return (Session) outcome;
    }

    private Object attempt(String key, String email, String password) {
        Instant now = clock.now();
        LoginThrottleEntity row = throttleRow(key, now);
        DomainException locked = locked(row, now);
        if (locked != null) {
            return locked;
        }
        CredentialEntity c = CredentialEntity.byEmail(email).orElse(null);
        boolean ok = BcryptUtil.matches(password, c == null ? dummyHash : c.passwordHash) && c != null;
        if (!ok) {
            failed(row, now);
            return DomainException.unauthenticated("bad-credentials", "wrong e-mail or password");
        }
        row.delete();
        return newSession(c.memberId);
    }

    /** The throttle row of an address (made if missing), locked until the transaction ends. */
    private LoginThrottleEntity throttleRow(String key, Instant now) {
        em.createNativeQuery("INSERT INTO login_throttle (email_key, failures, window_start) VALUES (?1, 0, ?2) "
                + "ON CONFLICT DO NOTHING").setParameter(1, key).setParameter(2, now).executeUpdate();
        return em.find(LoginThrottleEntity.class, key, LockModeType.PESSIMISTIC_WRITE);
    }

    private static LoginThrottle state(LoginThrottleEntity row) {
        return new LoginThrottle(row.failures, row.failures == 0 ? null : row.windowStart, row.lockedUntil);
    }

    /** The 429 to answer if the address is locked at {@code now}, else null. */
    private static DomainException locked(LoginThrottleEntity row, Instant now) {
        try {
            state(row).check(now);
            return null;
        } catch (DomainException locked) {
            return locked;
        }
    }

    private void failed(LoginThrottleEntity row, Instant now) {
        LoginThrottle next = state(row).failed(now, throttle);
        row.failures = next.failures();
        row.windowStart = next.windowStart() == null ? now : next.windowStart();
        row.lockedUntil = next.lockedUntil();
    }

    /**
     * A new session for a valid refresh token, which is used up (rotation). A token presented again after it was
     * used or revoked is taken as stolen: every refresh token of that member is revoked.
     */
    public Session refresh(String refreshToken) {
        Object outcome = QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.now();
            RefreshTokenEntity t = refreshToken == null ? null
                    : em.find(RefreshTokenEntity.class, sha256(refreshToken), LockModeType.PESSIMISTIC_WRITE);
            if (t == null) {
                return DomainException.unauthenticated("invalid-refresh-token", "unknown refresh token");
            }
            if (t.revokedAt != null) {
                revokeAll(t.memberId, now);
                return DomainException.unauthenticated("invalid-refresh-token", "the refresh token was already used or revoked");
            }
            if (!now.isBefore(t.expiresAt)) {
                return DomainException.unauthenticated("invalid-refresh-token", "the refresh token expired");
            }
            t.revokedAt = now;
            return newSession(t.memberId);
        });
        if (outcome instanceof DomainException refused) {
            throw refused;
        }
        return (Session) outcome;
    }

    /** Revokes the member's refresh token (idempotent; another member's token is left alone). */
    @Transactional
    public void logOut(UUID member, String refreshToken) {
        if (refreshToken == null) {
            return;
        }
        RefreshTokenEntity t = RefreshTokenEntity.findById(sha256(refreshToken));
        if (t != null && t.memberId.equals(member) && t.revokedAt == null) {
            t.revokedAt = clock.now();
        }
    }

    /**
     * Needs the current password; revokes every refresh token of the member. A wrong current password counts as a
     * failed log-in of the member's address (the same throttle), so a stolen bearer token cannot be used to guess
     * the password: once locked, both log-in and password change answer 429 until the lock ends.
     */
    public void changePassword(UUID member, String currentPassword, String newPassword) {
        PasswordPolicy.check("newPassword", newPassword);
        DomainException refused = QuarkusTransaction.requiringNew().call(() -> {
            CredentialEntity c = em.find(CredentialEntity.class, member);
            if (c == null) {
                return DomainException.notFound("member-not-found", "no member " + member);
            }
            Instant now = clock.now();
            LoginThrottleEntity row = throttleRow(c.emailHmac, now);
            DomainException locked = locked(row, now);
            if (locked != null) {
                return locked;
            }
            if (!BcryptUtil.matches(currentPassword, c.passwordHash)) {
                failed(row, now);
                return DomainException.forbidden("wrong-password", "the current password is wrong");
            }
            row.delete();
            c.passwordHash = BcryptUtil.bcryptHash(newPassword);
            revokeAll(member, now);
            return null;
        });
        if (refused != null) {
            throw refused;
        }
    }

    /** The member's own e-mail address (for the owner's view only). */
    @Transactional
    public String ownEmail(UUID member) {
        CredentialEntity c = CredentialEntity.findById(member);
        return c == null ? null : c.email;
    }

    private void revokeAll(UUID member, Instant now) {
        em.createQuery("UPDATE RefreshTokenEntity t SET t.revokedAt = :now WHERE t.memberId = :m AND t.revokedAt IS NULL")
                .setParameter("now", now).setParameter("m", member).executeUpdate();
    }

    private Session newSession(UUID member) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.now();
        RefreshTokenEntity t = new RefreshTokenEntity();
        t.tokenHash = sha256(token);
        t.memberId = member;
        t.issuedAt = now;
        t.expiresAt = now.plus(refreshLifetime);
        t.persist();
        return new Session(member, tokens.issue(member), tokens.lifetimeSeconds(), token, refreshLifetime.toSeconds());
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
