package dev.trellis.profile.application;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.UUID;

/**
 * Signs RS256 member tokens: subject = member id, group "member", {@code sid} = the session (refresh-token family)
 * the token belongs to, {@code iat} and an expiry {@code trellis.jwt.lifetime} later (15 minutes by default).
 * AccessRevoked names sids; every service refuses a token whose sid was revoked.
 */
@ApplicationScoped
public class TokenIssuer {
    private final String issuer;
    private final Duration lifetime;

    public TokenIssuer(@ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
                       @ConfigProperty(name = "trellis.jwt.lifetime", defaultValue = "PT15M") Duration lifetime) {
        this.issuer = issuer;
        this.lifetime = lifetime;
    }

    public String issue(UUID memberId, UUID sessionId) {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.issuer(issuer).subject(memberId.toString()).upn(memberId.toString()).groups("member")
                .claim(dev.trellis.platform.security.CurrentMember.SESSION_CLAIM, sessionId.toString()).issuedAt(now).expiresAt(now + lifetime.toSeconds()).sign();
    }

    public long lifetimeSeconds() {
        return lifetime.toSeconds();
    }
}
