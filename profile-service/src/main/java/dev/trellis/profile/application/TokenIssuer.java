package dev.trellis.profile.application;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.UUID;

/** Signs RS256 member tokens: subject = member id, group "member", with an expiry. */
@ApplicationScoped
public class TokenIssuer {
    private final String issuer;
    private final Duration lifetime;

    public TokenIssuer(@ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
                       @ConfigProperty(name = "trellis.jwt.lifetime") Duration lifetime) {
        this.issuer = issuer;
        this.lifetime = lifetime;
    }

    public String issue(UUID memberId) {
        return Jwt.issuer(issuer).subject(memberId.toString()).upn(memberId.toString()).groups("member")
                .expiresIn(lifetime).sign();
    }

    public long lifetimeSeconds() {
        return lifetime.toSeconds();
    }
}
