package dev.trellis.invitation.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Read model of one invitation stream. */
@Entity
@Table(name = "invitation")
public class InvitationEntity extends PanacheEntityBase {
    @Id
    @Column(name = "invitation_id")
    public UUID invitationId;
    @Column(name = "from_member")
    public UUID fromMember;
    @Column(name = "to_member")
    public UUID toMember;
    public String note;
    public String status;
    @Column(name = "sent_at")
    public Instant sentAt;
    @Column(name = "answered_at")
    public Instant answeredAt;
    public long version;
}
