package dev.trellis.profile.application;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.profile.AccessRevoked;
import dev.trellis.platform.domain.Clock;
import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.eventstore.EventStore;
import dev.trellis.platform.observability.Correlation;
import dev.trellis.profile.domain.LoginThrottle;
import dev.trellis.profile.domain.Member;
import dev.trellis.profile.domain.PasswordPolicy;
import dev.trellis.profile.domain.SignUpCode;
import dev.trellis.profile.domain.Text;
import dev.trellis.profile.store.CredentialEntity;
import dev.trellis.profile.store.LoginThrottleEntity;
import dev.trellis.profile.store.PendingSignUpEntity;
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
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Identity: sign-up with an e-mailed code, log-in (with a back-off per client and per account), refresh-token
 * rotation, log-out and password change. Credentials, refresh tokens, pending sign-ups and the throttle are plain
 * rows, never events (see docs/architecture.md); ending sessions publishes AccessRevoked (stream
 * "sessions-&lt;memberId&gt;") in the same transaction as the revocation.
 */
@ApplicationScoped
public class MemberService {
    private static final Logger LOG = Logger.getLogger(MemberService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EventStore store;
    @jakarta.inject.Inject
    dev.trellis.platform.security.Revocations revocations;
    @jakarta.inject.Inject
    jakarta.transaction.TransactionSynchronizationRegistry transactions;
    private final Clock clock;
    private final EntityManager em;
    private final TokenIssuer tokens;
    private final EmailHasher hasher;
    private final MailOutbox mail;
    private final LoginThrottle.Policy throttle;
    private final Duration refreshLifetime;
    private final Duration codeLifetime;
    private final int codeAttempts;
    private final int mailsPerHour;
    /** Compared against when the address is unknown, so a wrong address costs as much time as a wrong password. */
    private final String dummyHash = BcryptUtil.bcryptHash("not a password of anyone");

    public MemberService(EventStore store, Clock clock, EntityManager em, TokenIssuer tokens, EmailHasher hasher,
                         MailOutbox mail,
                         @ConfigProperty(name = "trellis.login.client-max-attempts") int clientMaxAttempts,
                         @ConfigProperty(name = "trellis.login.client-window") Duration clientWindow,
                         @ConfigProperty(name = "trellis.login.free-failures") int freeFailures,
                         @ConfigProperty(name = "trellis.login.backoff-base") Duration backoffBase,
                         @ConfigProperty(name = "trellis.login.backoff-max") Duration backoffMax,
                         @ConfigProperty(name = "trellis.login.backoff-reset") Duration backoffReset,
                         @ConfigProperty(name = "trellis.login.account-max-failures") int accountMaxFailures,
                         @ConfigProperty(name = "trellis.login.account-window") Duration accountWindow,
                         @ConfigProperty(name = "trellis.refresh-token.lifetime") Duration refreshLifetime,
                         @ConfigProperty(name = "trellis.sign-up.code-lifetime") Duration codeLifetime,
                         @ConfigProperty(name = "trellis.sign-up.code-attempts") int codeAttempts,
                         @ConfigProperty(name = "trellis.sign-up.mails-per-hour") int mailsPerHour) {
        this.store = store;
        this.clock = clock;
        this.em = em;
        this.tokens = tokens;
        this.hasher = hasher;
        this.mail = mail;
        this.throttle = new LoginThrottle.Policy(clientMaxAttempts, clientWindow, freeFailures, backoffBase, backoffMax,
                backoffReset, accountMaxFailures, accountWindow);
        this.refreshLifetime = refreshLifetime;
        this.codeLifetime = codeLifetime;
        this.codeAttempts = codeAttempts;
        this.mailsPerHour = mailsPerHour;
    }

    /** What verification, log-in and refresh hand out. */
    public record Session(UUID memberId, UUID sessionId, String accessToken, long expiresIn, String refreshToken,
                          long refreshExpiresIn) {
    }

    public record SignedUp(ProfileEntity profile, Session session) {
    }

    // --- sign-up ----------------------------------------------------------------------------------------

    /**
     * Step one of sign-up. Does the same work and answers the same whether or not the address is taken: the
     * password is hashed in both cases; a free address gets a code by mail (valid {@code trellis.sign-up.code-lifetime}),
     * a taken one a mail saying that someone tried to sign up with it, with no code. Each request keeps its own
     * data and code: a later request for the same address (a stranger's) cannot make the code of an earlier one
     * create an account with the later one's password.
     * At most {@code trellis.sign-up.mails-per-hour} mails go to one address an hour; beyond that nothing is sent
     * (the answer is the same). Returns the normalised address.
     */
    public String requestSignUp(String email, String password, String firstName, String lastName, String headline) {
        PasswordPolicy.check("password", password);
        String address = Text.line("email", email.strip());
        Member.signUp(UUID.randomUUID(), firstName, lastName, headline, clock.now()); // the same rules as at creation
        String hash = BcryptUtil.bcryptHash(password);
        String code = code();
        String key = hasher.hmac(address);
        QuarkusTransaction.requiringNew().run(() -> {
            // one sign-up of an address at a time (a taken address too, so both take the same path)
            em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))").setParameter(1, "sign-up:" + key)
                    .getSingleResult();
            if (mail.sentWithinAnHour(address) >= mailsPerHour) {
                LOG.infof("sign-up mail not sent: %d mails to the address within an hour", mailsPerHour);
                return;
            }
            Instant now = clock.now();
            if (CredentialEntity.byEmail(address).isPresent()) {
                mail.send(address, "Someone tried to sign up to Trellis with your address",
                        "Someone, maybe you, tried to create a Trellis account with this e-mail address.\n"
                                + "You already have an account: log in with your password instead.\n"
                                + "If it was not you, you can ignore this mail; nothing was changed.");
                return;
            }
            PendingSignUpEntity p = new PendingSignUpEntity();
            p.id = UUID.randomUUID();
            p.emailKey = key;
            p.email = address;
            p.passwordHash = hash;
            p.firstName = firstName;
            p.lastName = lastName;
            p.headline = headline;
            p.codeHash = codeHash(key, code);
            // wrong codes count per address, over all of its pending requests
            p.attempts = PendingSignUpEntity.of(key).stream().mapToInt(o -> o.attempts).max().orElse(0);
            p.createdAt = now;
            p.expiresAt = now.plus(codeLifetime);
            p.persist();
            mail.send(address, "Your Trellis verification code",
                    "Your Trellis verification code is " + code + ".\nIt confirms the sign-up of " + firstName.strip()
                            + " " + lastName.strip() + " requested at " + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                            + " and is valid for " + codeLifetime.toMinutes() + " minutes.\n"
                            + "If you did not ask for it, ignore this mail and do not enter the code anywhere.");
        });
        return address;
    }

    /**
     * Step two: a code mailed to the address creates the member of that request (publishes ProfileCreated) and its
     * first session; the other requests of the address are dropped. Wrong codes count per address; after
     * {@code trellis.sign-up.code-attempts} wrong ones every pending request of the address is gone, and expired
     * ones do not count (422 verification-failed, the same answer as when no sign-up was pending).
     */
    public SignedUp verify(String email, String code) {
        String address = Text.line("email", email.strip());
        String key = hasher.hmac(address);
        Object outcome = QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))").setParameter(1, "sign-up:" + key)
                    .getSingleResult();
            Instant now = clock.now();
            List<PendingSignUpEntity> pending = PendingSignUpEntity.of(key).stream()
                    .filter(p -> now.isBefore(p.expiresAt)).toList();
            if (pending.isEmpty()) {
                return SignUpCode.failed();
            }
            byte[] presented = codeHash(key, code == null ? "" : code.strip()).getBytes(StandardCharsets.UTF_8);
            PendingSignUpEntity matched = pending.stream()
                    .filter(p -> MessageDigest.isEqual(p.codeHash.getBytes(StandardCharsets.UTF_8), presented))
                    .findFirst().orElse(null);
            int attempts = pending.stream().mapToInt(p -> p.attempts).max().orElse(0);
            PendingSignUpEntity current = matched != null ? matched : pending.get(0);
            switch (new SignUpCode(attempts, current.expiresAt).present(matched != null, now, codeAttempts)) {
                case WRONG -> {
                    pending.forEach(p -> p.attempts = attempts + 1);
                    return SignUpCode.failed();
                }
                case USED_UP -> {
                    PendingSignUpEntity.delete("emailKey", key);
                    return SignUpCode.failed();
                }
                default -> {
                    PendingSignUpEntity.delete("emailKey", key);
                    if (CredentialEntity.byEmail(matched.email).isPresent()) {
                        return SignUpCode.failed();
                    }
                    return create(matched);
                }
            }
        });
        if (outcome instanceof DomainException refused) {
            throw refused;
        }
        return (SignedUp) outcome;
    }

    private SignedUp create(PendingSignUpEntity pending) {
        UUID id = UUID.randomUUID();
        Correlation.set(Correlation.correlationId(), null, id.toString());
        List<TrellisEvent> events = Member.signUp(id, pending.firstName, pending.lastName, pending.headline, clock.now());
        CredentialEntity c = new CredentialEntity();
        c.memberId = id;
        c.email = pending.email;
        c.emailHmac = pending.emailKey;
        c.passwordHash = pending.passwordHash;
        try {
            c.persistAndFlush();
        } catch (PersistenceException e) {
            if (e instanceof ConstraintViolationException || e.getCause() instanceof ConstraintViolationException) {
                throw SignUpCode.failed();
            }
            throw e;
        }
        store.append(Member.streamId(id), 0, events);
        ProfileEntity p = new ProfileEntity();
        events.forEach(p::apply);
        p.persist();
        return new SignedUp(p, newSession(id, UUID.randomUUID()));
    }

    private static String code() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    private static String codeHash(String key, String code) {
        return sha256(key + ":" + code);
    }

    // --- log-in -----------------------------------------------------------------------------------------

    /**
     * A session for valid credentials; the same 401 whether the address or the password is wrong. {@code client}
     * is the caller's address: the back-off of {@link LoginThrottle} applies to it (429 with Retry-After), never to
     * other clients, so nobody can keep the owner out. Failures commit even though the attempt is refused.
     */
    public Session logIn(String email, String password, String client) {
        Text.line("email", email.strip());   // surrounding whitespace (a tab too) is trimmed, as everywhere
        String account = hasher.hmac(email);
        return guarded(account, client, () -> {
            CredentialEntity c = CredentialEntity.byEmail(email).orElse(null);
            boolean ok = BcryptUtil.matches(password, c == null ? dummyHash : c.passwordHash) && c != null
                    && c.closingSince == null;
            if (!ok) {
                return DomainException.unauthenticated("bad-credentials", "wrong e-mail or password");
            }
            return newSession(c.memberId, UUID.randomUUID());
        });
    }

    /**
     * Runs a password check under the throttle: the client's attempt is counted first (its own transaction), then
     * the (account, client) row is held while {@code check} runs; a DomainException of {@code check} is a failure,
     * anything else a success.
     */
    @SuppressWarnings("unchecked")
    private <T> T guarded(String account, String client, Supplier<Object> check) {
        String clientKey = "c:" + hasher.hmac("client " + client);
        String accountKey = "a:" + account;
        String pairKey = "p:" + account + ":" + clientKey.substring(2);
        DomainException tooMany = QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.now();
            LoginThrottleEntity row = row(clientKey, now, LockModeType.PESSIMISTIC_WRITE);
            LoginThrottle.Window w = new LoginThrottle.Window(row.count, row.windowStart).add(now, throttle.clientWindow());
            row.count = w.count();
            row.windowStart = w.start();
            row.updatedAt = now;
            try {
                LoginThrottle.checkClient(w, now, throttle);
                return null;
            } catch (DomainException e) {
                return e;
            }
        });
        if (tooMany != null) {
            throw tooMany;
        }
        Object outcome = QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.now();
            LoginThrottleEntity pair = row(pairKey, now, LockModeType.PESSIMISTIC_WRITE);
            LoginThrottleEntity acc = row(accountKey, now, LockModeType.NONE);
            LoginThrottle.Pair p = new LoginThrottle.Pair(pair.count, pair.lastFailure, pair.nextAllowed);
            try {
                LoginThrottle.checkPair(p, new LoginThrottle.Window(acc.count, acc.windowStart), now, throttle);
            } catch (DomainException waiting) {
                return waiting;
            }
            Object result = check.get();
            if (result instanceof DomainException) {
                LoginThrottle.Pair next = p.failed(now, throttle);
                pair.count = next.failures();
                pair.lastFailure = next.lastFailure();
                pair.nextAllowed = next.nextAllowed();
                pair.updatedAt = now;
                em.refresh(acc, LockModeType.PESSIMISTIC_WRITE);
                LoginThrottle.Window w = new LoginThrottle.Window(acc.count, acc.windowStart).add(now, throttle.accountWindow());
                acc.count = w.count();
                acc.windowStart = w.start();
                acc.updatedAt = now;
            } else {
                pair.delete();
            }
            return result;
        });
        if (outcome instanceof DomainException refused) {
            throw refused;
        }
        return (T) outcome;
    }

    /** The throttle row of a key (made if missing), locked as asked until the transaction ends. */
    private LoginThrottleEntity row(String key, Instant now, LockModeType lock) {
        em.createNativeQuery("INSERT INTO login_throttle (throttle_key, count, updated_at) VALUES (?1, 0, ?2) "
                + "ON CONFLICT DO NOTHING").setParameter(1, key).setParameter(2, now).executeUpdate();
        return em.find(LoginThrottleEntity.class, key, lock);
    }

    // --- sessions ---------------------------------------------------------------------------------------

    /**
     * A new session for a valid refresh token, which is used up (rotation); the new pair belongs to the same
     * session (sid). A token presented again after it was used or revoked is taken as stolen: every session of
     * that member is ended (AccessRevoked with all of them).
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
                Set<UUID> sessions = new LinkedHashSet<>(activeSessions(t.memberId, now));
                sessions.add(t.sessionId);
                revoke(t.memberId, List.copyOf(sessions), now);
                LOG.infof("refresh token of session %s presented again: every session of the member ended", t.sessionId);
                return DomainException.unauthenticated("invalid-refresh-token", "the refresh token was already used or revoked");
            }
            if (!now.isBefore(t.expiresAt)) {
                return DomainException.unauthenticated("invalid-refresh-token", "the refresh token expired");
            }
            t.revokedAt = now;
            return newSession(t.memberId, t.sessionId);
        });
        if (outcome instanceof DomainException refused) {
            throw refused;
        }
        return (Session) outcome;
    }

    /**
     * Ends one session of the member: the one of the given refresh token, or else {@code currentSession} (the
     * access token's sid). Idempotent; another member's refresh token is left alone. Publishes AccessRevoked when
     * the session was still open.
     */
    @Transactional
    public void logOut(UUID member, String refreshToken, UUID currentSession) {
        UUID session = currentSession;
        if (refreshToken != null) {
            RefreshTokenEntity t = RefreshTokenEntity.findById(sha256(refreshToken));
            if (t == null || !t.memberId.equals(member)) {
                return;
            }
            session = t.sessionId;
        }
        if (session == null) {
            return;
        }
        revoke(member, List.of(session), clock.now());
    }

    /**
     * Needs the current password; ends every session of the member (AccessRevoked with all of them). A wrong
     * current password counts as a failed log-in of the member's address from this client (the same back-off),
     * so a stolen bearer token cannot be used to guess the password.
     */
    public void changePassword(UUID member, String currentPassword, String newPassword, UUID currentSession,
                               String client) {
        PasswordPolicy.check("newPassword", newPassword);
        CredentialEntity known = QuarkusTransaction.requiringNew().call(() -> em.find(CredentialEntity.class, member));
        if (known == null) {
            throw DomainException.notFound("member-not-found", "no member " + member);
        }
        String newHash = BcryptUtil.bcryptHash(newPassword);
        guarded(known.emailHmac, client, () -> {
            CredentialEntity c = em.find(CredentialEntity.class, member);
            if (!BcryptUtil.matches(currentPassword, c.passwordHash)) {
                return DomainException.forbidden("wrong-password", "the current password is wrong");
            }
            Instant now = clock.now();
            Set<UUID> sessions = new LinkedHashSet<>(activeSessions(member, now));
            if (currentSession != null) {
                sessions.add(currentSession);
            }
            revoke(member, List.copyOf(sessions), now);  // refresh-token rows first, then the credential row
            em.lock(c, LockModeType.PESSIMISTIC_WRITE);
            c.passwordHash = newHash;
            return Boolean.TRUE;
        });
    }

    /**
     * The first step of closing an account (see {@link AccountClosure}): checks the password under the same
     * back-off as a log-in from this client, marks the member as closing (log-ins are refused from now on) and ends
     * every session (AccessRevoked), this one included, so no service accepts the member's tokens any more.
     * Returns false if the member was closing already.
     */
    public boolean beginClosing(UUID member, String password, UUID currentSession, String client) {
        CredentialEntity known = QuarkusTransaction.requiringNew().call(() -> em.find(CredentialEntity.class, member));
        if (known == null) {
            throw DomainException.notFound("member-not-found", "no member " + member);
        }
        return guarded(known.emailHmac, client, () -> {
            CredentialEntity c = em.find(CredentialEntity.class, member, LockModeType.PESSIMISTIC_WRITE);
            if (c == null) {
                throw DomainException.notFound("member-not-found", "no member " + member);
            }
            if (password == null || !BcryptUtil.matches(password, c.passwordHash)) {
                return DomainException.forbidden("wrong-password", "the password is wrong");
            }
            if (c.closingSince != null) {
                return Boolean.FALSE;
            }
            Instant now = clock.now();
            Set<UUID> sessions = new LinkedHashSet<>(activeSessions(member, now));
            if (currentSession != null) {
                sessions.add(currentSession);
            }
            revoke(member, List.copyOf(sessions), now);
            c.closingSince = now;
            return Boolean.TRUE;
        });
    }

    /** The member's own e-mail address (for the owner's view only). */
    @Transactional
    public String ownEmail(UUID member) {
        CredentialEntity c = CredentialEntity.findById(member);
        return c == null ? null : c.email;
    }

    /** Sessions of the member with a refresh token still usable at {@code now}. */
    private List<UUID> activeSessions(UUID member, Instant now) {
        return em.createQuery("SELECT DISTINCT t.sessionId FROM RefreshTokenEntity t WHERE t.memberId = :m "
                        + "AND t.revokedAt IS NULL AND t.expiresAt > :now", UUID.class)
                .setParameter("m", member).setParameter("now", now).getResultList();
    }

    /**
     * Ends sessions: their refresh tokens are revoked and AccessRevoked is appended (published by the outbox) in
     * the caller's transaction, unless none of them was still open (nothing to announce: every path that ends a
     * session announced it then). The member's credential row is locked after the refresh-token rows, so appends
     * to the member's sessions stream take turns.
     */
    private void revoke(UUID member, List<UUID> sessions, Instant now) {
        if (sessions.isEmpty()) {
            return;
        }
        int ended = em.createQuery("UPDATE RefreshTokenEntity t SET t.revokedAt = :now WHERE t.memberId = :m "
                        + "AND t.sessionId IN :s AND t.revokedAt IS NULL")
                .setParameter("now", now).setParameter("m", member).setParameter("s", sessions).executeUpdate();
        if (ended == 0) {
            return;
        }
        em.find(CredentialEntity.class, member, LockModeType.PESSIMISTIC_WRITE);
        String stream = sessionsStream(member);
        long version = ((Number) em.createNativeQuery(
                        "SELECT coalesce(max(stream_version), 0) FROM event_store WHERE stream_id = ?1")
                .setParameter(1, stream).getSingleResult()).longValue();
        store.append(stream, version, List.of(new AccessRevoked(member, new ArrayList<>(sessions), now)));
        // This service refuses the sessions' tokens from the commit on, without waiting for its own event to come
        // back from Kafka (the other services learn of it from the topic).
        List<UUID> endedSessions = List.copyOf(sessions);
        transactions.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
                    revocations.revoke(endedSessions, now);
                }
            }
        });
    }

    public static String sessionsStream(UUID member) {
        return "sessions-" + member;
    }

    private Session newSession(UUID member, UUID session) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.now();
        RefreshTokenEntity t = new RefreshTokenEntity();
        t.tokenHash = sha256(token);
        t.memberId = member;
        t.sessionId = session;
        t.issuedAt = now;
        t.expiresAt = now.plus(refreshLifetime);
        t.persist();
        return new Session(member, session, tokens.issue(member, session), tokens.lifetimeSeconds(), token,
                refreshLifetime.toSeconds());
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
