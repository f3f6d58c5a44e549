package dev.trellis.events.recommendation;

import dev.trellis.events.Personal;
import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/** The recipient asked the author for a revision; the author may write a new version (history kept). Key: recommendationId. */
public record RecommendationRevisionRequested(UUID recommendationId, UUID authorId, UUID recipientId, @Personal(of = {"authorId", "recipientId"}) String message, Instant requestedAt) implements TrellisEvent {
    @Override
    public String subject() {
        return recommendationId.toString();
    }
}
