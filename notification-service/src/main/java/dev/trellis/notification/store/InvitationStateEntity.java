package dev.trellis.notification.store;

import dev.trellis.notification.domain.InvitationOutcome;
import dev.trellis.notification.domain.InvitationState;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** What is known of one invitation; stays after it is answered or withdrawn (the tombstone for late events). */
@Entity
@Table(name = "invitation_state")
public class InvitationStateEntity extends PanacheEntityBase {
    @Id
    @Column(name = "invitation_id")
    public UUID invitationId;
    @Column(name = "from_member")
    public UUID fromMember;
    @Column(name = "to_member")
    public UUID toMember;
    public String outcome;
    @Column(name = "sent_applied")
    public boolean sentApplied;
    public String note;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public InvitationState toState() {
        return new InvitationState(invitationId, fromMember, toMember, InvitationOutcome.valueOf(outcome), sentApplied,
                note);
    }
}
