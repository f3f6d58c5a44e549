package dev.trellis.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The readiness check {@code revocations}: DOWN until the revocation reader has read the revocations of the last
 * token lifetime (and while it is failing), since a replica that started a moment ago would otherwise accept the
 * tokens of sessions ended before its start. Data: enabled, caughtUp, lastError.
 */
@ApplicationScoped
public class RevocationsReadiness {
    @Produces
    @Readiness
    @ApplicationScoped
    HealthCheck revocationsCaughtUp(Revocations revocations) {
        return () -> {
            var response = HealthCheckResponse.named("revocations")
                    .status(!revocations.isEnabled() || revocations.isCaughtUp())
                    .withData("enabled", revocations.isEnabled())
                    .withData("caughtUp", revocations.isCaughtUp());
            String error = revocations.lastError();
            return (error == null ? response : response.withData("lastError", error)).build();
        };
    }
}
