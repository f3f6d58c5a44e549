package dev.trellis.events.recommendation;

import dev.trellis.events.Personal;
import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * A 1st-degree connection wrote a recommendation (requested or not), or a new version of it after a revision
 * request ({@code version} 2, 3, ...; the earlier versions are kept). Nothing is public until the recipient
 * accepts. Key: recommendationId.
 *
 * @param relationship e.g. MANAGED_DIRECTLY, REPORTED_TO, WORKED_WITH, CLIENT_OF, STUDIED_WITH
 * @param position     the recipient's position the recommendation refers to, if given
 */
public record RecommendationWritten(UUID recommendationId, UUID authorId, UUID recipientId, @Personal(of = {"authorId", "recipientId"}) String relationship,
                                    @Personal(of = {"authorId", "recipientId"}) String position, @Personal(of = {"authorId", "recipientId"}) String text, int version, Instant writtenAt)
        implements TrellisEvent {
    @Override
    public String subject() {
        return recommendationId.toString();
    }
}
