package dev.trellis.notification.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One notification of a member. {@code seq} orders arrivals (badges are "seen as of" a seq). */
@Entity
@Table(name = "notification")
public class NotificationEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;
    @Column(name = "notification_id")
    public UUID notificationId;
    public UUID recipient;
    public String kind;
    public String category;
    public UUID actor;
    public String note;
    /** How the sender knows the recipient, on INVITATION_RECEIVED; null if not said. */
    public String relationship;
    /** The company or school {@link #relationship} refers to, on INVITATION_RECEIVED; null if not said. */
    public String context;
    /** The reminder's number, on INVITATION_REMINDER; null otherwise. */
    public Integer reminder;
    @Column(name = "invitation_id")
    public UUID invitationId;
    @Column(name = "recommendation_id")
    public UUID recommendationId;
    @Column(name = "introduction_id")
    public UUID introductionId;
    /** A third member the notification is about (the other side of an introduction). */
    @Column(name = "subject_member")
    public UUID subjectMember;
    /** The endorsed skill, the recommendation's version, the requested position. */
    public String detail;
    public boolean seen;
    public boolean read;
    @Column(name = "created_at")
    public Instant createdAt;
}
