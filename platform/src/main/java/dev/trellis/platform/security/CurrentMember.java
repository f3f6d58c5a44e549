package dev.trellis.platform.security;

import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.observability.Correlation;
import org.jboss.logging.MDC;
import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

/** The authenticated member: the JWT's subject. A member acts only as themself. */
@RequestScoped
public class CurrentMember {
    private final JsonWebToken jwt;

    public CurrentMember(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    public UUID id() {
        String sub = jwt == null ? null : jwt.getSubject();
        if (sub == null) {
            throw new UnauthorizedException();
        }
        try {
            UUID id = UUID.fromString(sub);
            MDC.put(Correlation.ACTOR, sub);
            return id;
        } catch (IllegalArgumentException e) {
            throw new UnauthorizedException();
        }
    }

    /** 403 unless the caller is {@code memberId}. */
    public UUID requireSelf(UUID memberId) {
        UUID me = id();
        if (!me.equals(memberId)) {
            throw DomainException.forbidden("not-yourself", "a member can only act as themself");
        }
        return me;
    }
}
