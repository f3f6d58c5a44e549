package dev.trellis.invitation.store;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.invitation.InvitationDeclinedAsUnknown;
import dev.trellis.events.invitation.InvitationExpired;
import dev.trellis.events.invitation.InvitationIgnored;
import dev.trellis.events.invitation.InvitationReminderDue;
import dev.trellis.events.invitation.InvitationSent;
import dev.trellis.events.invitation.InvitationWithdrawn;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Read model of one invitation stream, updated by {@link #apply} in the append's transaction. */
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
    public String relationship;
    public String context;
    @Column(name = "template_id")
    public String templateId;
    public String status;
    @Column(name = "sent_at")
    public Instant sentAt;
    @Column(name = "answered_at")
    public Instant answeredAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "reminders_sent")
    public int remindersSent;
    @Column(name = "declined_as_unknown_at")
    public Instant declinedAsUnknownAt;
    public boolean mutual;
    @Column(name = "next_due_at")
    public Instant nextDueAt;
    /** The forwarded introduction it was sent under (a mutual connection introduced the sender), if any. */
    @Column(name = "introduction_id")
    public UUID introductionId;
    public long version;

    /** Applies one event of the stream to the row. */
    public void apply(TrellisEvent e) {
        if (e instanceof InvitationSent s) {
            invitationId = s.invitationId();
            fromMember = s.fromMemberId();
            toMember = s.toMemberId();
            note = s.note();
            relationship = s.relationship();
            context = s.context();
            templateId = s.templateId();
            sentAt = s.sentAt();
            expiresAt = s.expiresAt();
            status = "PENDING";
        } else if (e instanceof InvitationAccepted a) {
            status = "ACCEPTED";
            answeredAt = a.acceptedAt();
            mutual = a.mutual();
        } else if (e instanceof InvitationIgnored i) {
            status = "IGNORED";
            answeredAt = i.ignoredAt();
        } else if (e instanceof InvitationDeclinedAsUnknown d) {
            status = "DECLINED_AS_UNKNOWN";
            answeredAt = d.declinedAt();
            declinedAsUnknownAt = d.declinedAt();
        } else if (e instanceof InvitationWithdrawn w) {
            status = "WITHDRAWN";
            answeredAt = w.withdrawnAt();
        } else if (e instanceof InvitationExpired x) {
            status = "EXPIRED";
            answeredAt = x.expiredAt();
        } else if (e instanceof InvitationReminderDue r) {
            remindersSent = Math.max(remindersSent, r.reminder());
        }
    }
}
