package dev.trellis.platform.observability;

import dev.trellis.platform.outbox.OutboxRelay;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/** Liveness of the outbox relay thread; reports whether this replica is the publishing one and its backlog. */
@Liveness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {
    private final OutboxRelay relay;

    public OutboxHealthCheck(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("outbox-relay")
                .withData("enabled", relay.isEnabled())
                .withData("publishing", relay.isLeader())
                .withData("backlog", relay.backlog());
        if (relay.lastError() != null) {
            b.withData("lastError", relay.lastError().toString());
        }
        return b.status(!relay.isEnabled() || relay.isRunning()).build();
    }
}
