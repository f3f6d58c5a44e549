package dev.trellis.platform.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Verifies a member token once, then reuses the verified claims for the same token string for at most
 * {@value #REUSE_MILLIS} ms and never past the token's expiry. A member's client sends the same token with every
 * request, so this saves the RS256 signature check and the JSON parsing on almost every request. A token that
 * fails verification is never cached. At most {@value #MAX_ENTRIES} tokens are kept; when full, the cache starts
 * over. Every request, cached token or not, is also checked against {@link Revocations}: the token of a session that
 * was ended (log-out, password change) is refused from the moment this service learns of it.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class CachingPrincipalFactory extends JWTCallerPrincipalFactory {
    static final long REUSE_MILLIS = 60_000;
    static final int MAX_ENTRIES = 50_000;
    private static final AtomicLong VERIFICATIONS = new AtomicLong();

    private record Verified(JWTCallerPrincipal principal, long reuseUntilMillis) {
    }

    private final DefaultJWTCallerPrincipalFactory delegate = new DefaultJWTCallerPrincipalFactory();
    private final ConcurrentHashMap<String, Verified> cache = new ConcurrentHashMap<>();
    private final Revocations revocations;

    public CachingPrincipalFactory(Revocations revocations) {
        this.revocations = revocations;
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
        long now = System.currentTimeMillis();
        Verified hit = cache.get(token);
        if (hit != null && now < hit.reuseUntilMillis()) {
            return notRevoked(hit.principal());
        }
        JWTCallerPrincipal principal = notRevoked(delegate.parse(token, context));
        VERIFICATIONS.incrementAndGet();
        long expiresMillis = principal.getExpirationTime() * 1000L;
        if (expiresMillis > now) {
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            cache.put(token, new Verified(principal, Math.min(expiresMillis, now + REUSE_MILLIS)));
        }
        return principal;
    }

    private JWTCallerPrincipal notRevoked(JWTCallerPrincipal principal) throws ParseException {
        if (revocations.isRevoked(principal.getClaim(CurrentMember.SESSION_CLAIM))) {
            throw new ParseException("the session of this token was ended");
        }
        return principal;
    }

    /** How many tokens were verified (not taken from the cache) since start; for tests. */
    public static long verifications() {
        return VERIFICATIONS.get();
    }
}
