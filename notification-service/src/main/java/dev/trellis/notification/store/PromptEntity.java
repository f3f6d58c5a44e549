package dev.trellis.notification.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A suggested next step for a member, pending until dismissed or expired. */
@Entity
@Table(name = "prompt")
public class PromptEntity extends PanacheEntityBase {
    @Id
    @Column(name = "prompt_id")
    public UUID promptId;
    @Column(name = "member_id")
    public UUID memberId;
    public String kind;
    @Column(name = "other_member")
    public UUID otherMember;
    @Column(name = "invitation_id")
    public UUID invitationId;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "recommendation_id")
    public UUID recommendationId;
    /** When the member did what it suggests (sent the message). */
    @Column(name = "done_at")
    public Instant doneAt;
    @Column(name = "dismissed_at")
    public Instant dismissedAt;
}
