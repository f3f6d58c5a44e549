package dev.trellis.recommendation.store;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.recommendation.RecommendationAccepted;
import dev.trellis.events.recommendation.RecommendationHidden;
import dev.trellis.events.recommendation.RecommendationRejected;
import dev.trellis.events.recommendation.RecommendationRequested;
import dev.trellis.events.recommendation.RecommendationRevisionRequested;
import dev.trellis.events.recommendation.RecommendationShown;
import dev.trellis.events.recommendation.RecommendationWithdrawn;
import dev.trellis.events.recommendation.RecommendationWritten;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Read model of one recommendation stream, updated by {@link #apply} in the append's transaction. */
@Entity
@Table(name = "recommendation")
public class RecommendationEntity extends PanacheEntityBase {
    @Id
    @Column(name = "recommendation_id")
    public UUID recommendationId;
    @Column(name = "author_id")
    public UUID authorId;
    @Column(name = "recipient_id")
    public UUID recipientId;
    public String status;
    public boolean hidden;
    public String relationship;
    public String position;
    public String text;
    public int version;
    @Column(name = "request_message")
    public String requestMessage;
    @Column(name = "revision_message")
    public String revisionMessage;
    @Column(name = "requested_at")
    public Instant requestedAt;
    @Column(name = "written_at")
    public Instant writtenAt;
    @Column(name = "accepted_at")
    public Instant acceptedAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    @Column(name = "withdraw_reason")
    public String withdrawReason;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Applies one event of the stream to the row. */
    public void apply(TrellisEvent e) {
        if (e instanceof RecommendationRequested q) {
            recommendationId = q.recommendationId();
            authorId = q.authorId();
            recipientId = q.requesterId();
            relationship = q.relationship();
            position = q.position();
            requestMessage = q.message();
            requestedAt = q.requestedAt();
            status = "REQUESTED";
            updatedAt = q.requestedAt();
        } else if (e instanceof RecommendationWritten w) {
            recommendationId = w.recommendationId();
            authorId = w.authorId();
            recipientId = w.recipientId();
            relationship = w.relationship();
            position = w.position();
            text = w.text();
            version = Math.max(w.version(), version + 1);
            writtenAt = w.writtenAt();
            status = "WRITTEN";
            updatedAt = w.writtenAt();
        } else if (e instanceof RecommendationAccepted a) {
            status = "ACCEPTED";
            hidden = false;
            acceptedAt = a.acceptedAt();
            updatedAt = a.acceptedAt();
        } else if (e instanceof RecommendationRejected r) {
            status = "REJECTED";
            closedAt = r.rejectedAt();
            updatedAt = r.rejectedAt();
        } else if (e instanceof RecommendationRevisionRequested r) {
            status = "REVISION_REQUESTED";
            revisionMessage = r.message();
            updatedAt = r.requestedAt();
        } else if (e instanceof RecommendationHidden h) {
            hidden = true;
            updatedAt = h.hiddenAt();
        } else if (e instanceof RecommendationShown s) {
            hidden = false;
            updatedAt = s.shownAt();
        } else if (e instanceof RecommendationWithdrawn w) {
            status = "WITHDRAWN";
            withdrawReason = w.reason();
            closedAt = w.withdrawnAt();
            updatedAt = w.withdrawnAt();
        }
    }
}
