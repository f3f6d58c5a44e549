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

    /** The name of the claim that names a token's session (one refresh-token family). */
    public static final String SESSION_CLAIM = "sid";

    /** The session of the caller's token ({@value #SESSION_CLAIM}), or null for a token without one. */
    public String sessionId() {
        return jwt == null ? null : sessionIdOf(jwt.getClaim(SESSION_CLAIM));
    }

    /**
     * A {@value #SESSION_CLAIM} claim as a plain string: the JWT library gives a JSON string claim as a
     * {@link jakarta.json.JsonString} (whose toString is quoted) or as a String, depending on how it was read.
     */
    public static String sessionIdOf(Object claim) {
        if (claim == null) {
            return null;
        }
        if (claim instanceof jakarta.json.JsonString js) {
            return js.getString();
        }
        String s = claim.toString();
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
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
