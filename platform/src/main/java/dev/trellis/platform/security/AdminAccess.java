package dev.trellis.platform.security;

import dev.trellis.platform.domain.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Operator commands (rebuilding a projection, ...) are not member actions: they take the shared secret of the
 * deployment in the {@value #HEADER} header, compared in constant time. Without {@code trellis.admin.token}
 * (environment: TRELLIS_ADMIN_TOKEN) they are switched off.
 */
@ApplicationScoped
public class AdminAccess {
    public static final String HEADER = "X-Trellis-Admin-Token";
    private final Optional<String> token;

    public AdminAccess(@ConfigProperty(name = "trellis.admin.token") Optional<String> token) {
        this.token = token.filter(t -> !t.isBlank());
    }

    public void require(String presented) {
        if (token.isEmpty()) {
            throw DomainException.forbidden("admin-disabled",
                    "operator commands are switched off: set TRELLIS_ADMIN_TOKEN to enable them");
        }
        if (presented == null || !MessageDigest.isEqual(token.get().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8))) {
            throw DomainException.unauthenticated("admin-token", "a valid " + HEADER + " header is required");
        }
    }
}
