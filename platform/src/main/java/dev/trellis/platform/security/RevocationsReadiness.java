package dev.trellis.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN until the revocation reader has read the revocations of the last token lifetime (and while it is failing):
 * a replica that started a moment ago would otherwise accept the tokens of sessions ended before its start.
 */
@Readiness
@ApplicationScoped
public class RevocationsReadiness implements HealthCheck {
    private final Revocations revocations;

    public RevocationsReadiness(Revocations revocations) {
        this.revocations = revocations;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("revocations")
                .withData("enabled", revocations.isEnabled())
                .withData("caughtUp", revocations.isCaughtUp());
        if (revocations.lastError() != null) {
            b.withData("lastError", revocations.lastError());
        }
        return b.status(!revocations.isEnabled() || revocations.isCaughtUp()).build();
    }
}
