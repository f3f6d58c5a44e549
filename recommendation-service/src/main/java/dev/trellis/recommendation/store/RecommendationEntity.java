package dev.trellis.recommendation.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

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
    public String relationship;
    public String text;
    @Column(name = "written_at")
    public Instant writtenAt;
}
