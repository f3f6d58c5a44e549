package dev.trellis.events.recommendation;

import dev.trellis.events.Personal;
import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/** The recommendation was withdrawn, e.g. because the two members are no longer connected ({@code reason} CONNECTION_REMOVED) or the author withdrew it (AUTHOR). Key: recommendationId. */
public record RecommendationWithdrawn(UUID recommendationId, UUID authorId, UUID recipientId, @Personal(of = {"authorId", "recipientId"}) String reason, Instant withdrawnAt) implements TrellisEvent {
    @Override
    public String subject() {
        return recommendationId.toString();
    }
}
