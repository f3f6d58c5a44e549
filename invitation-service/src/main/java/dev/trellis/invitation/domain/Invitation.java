package dev.trellis.invitation.domain;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.invitation.InvitationDeclinedAsUnknown;
import dev.trellis.events.invitation.InvitationExpired;
import dev.trellis.events.invitation.InvitationIgnored;
import dev.trellis.events.invitation.InvitationReminderDue;
import dev.trellis.events.invitation.InvitationSent;
import dev.trellis.events.invitation.InvitationWithdrawn;
import dev.trellis.platform.domain.DomainException;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The invitation aggregate (stream "invitation-&lt;id&gt;"): a member's request to connect with another, with an
 * optional personal note. Rebuilt from its events; every decision returns the new events or throws a
 * {@link DomainException} whose reason the API reports.
 */
public final class Invitation {
    private UUID id;
    private UUID from;
    private UUID to;
    private String note;
    private Instant sentAt;
    private Instant expiresAt;
    private InvitationStatus status;
    private int remindersSent;

    private Invitation() {
    }

    public static String streamId(UUID invitationId) {
        return "invitation-" + invitationId;
    }

    /** Rebuilds the invitation from its history. */
    public static Invitation from(List<TrellisEvent> history) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("an invitation stream starts with InvitationSent");
        }
        Invitation inv = new Invitation();
        history.forEach(inv::apply);
        return inv;
    }

    /** This invitation after {@code events} (just decided by it) happened. */
    public Invitation record(List<TrellisEvent> events) {
        events.forEach(this::apply);
        return this;
    }

    private void apply(TrellisEvent e) {
        if (e instanceof InvitationSent s) {
            id = s.invitationId();
            from = s.fromMemberId();
            to = s.toMemberId();
            note = s.note();
            sentAt = s.sentAt();
            expiresAt = s.expiresAt();
            status = InvitationStatus.PENDING;
        } else if (e instanceof InvitationAccepted) {
            status = InvitationStatus.ACCEPTED;
        } else if (e instanceof InvitationIgnored) {
            status = InvitationStatus.IGNORED;
        } else if (e instanceof InvitationDeclinedAsUnknown) {
            status = InvitationStatus.DECLINED_AS_UNKNOWN;
        } else if (e instanceof InvitationWithdrawn) {
            status = InvitationStatus.WITHDRAWN;
        } else if (e instanceof InvitationExpired) {
            status = InvitationStatus.EXPIRED;
        } else if (e instanceof InvitationReminderDue r) {
            remindersSent = Math.max(remindersSent, r.reminder());
        }
    }

    /** What the sender asks for. */
    public record Send(UUID invitationId, UUID from, UUID to, String note, String relationship, String context,
                       String templateId) {
    }

    /**
     * Sending, with every rule a member meets, in this order: yourself, unknown member, note, relationship,
     * blocks (the neutral not-possible), already connected, the connection cap on either side, duplicate, re-invite
     * cooldown after a withdrawal, too many pending, the weekly quota. A re-invite to a member who once answered
     * "I don't know this person" is not refused: it is sent already declined (see below), so that the sender
     * cannot tell it from a re-invite to a member who simply never answered.
     */
    public static List<TrellisEvent> send(Send cmd, SendFacts facts, InvitationPolicy policy, Instant now) {
        if (cmd.from().equals(cmd.to())) {
            throw DomainException.rule("cannot-invite-yourself", "you cannot invite yourself");
        }
        if (!facts.recipientExists()) {
            throw DomainException.notFound("member-not-found", "no member " + cmd.to());
        }
        String trimmed = trimToNull(cmd.note());
        if (trimmed != null && trimmed.codePointCount(0, trimmed.length()) > policy.noteLimit()) {
            throw DomainException.rule("note-too-long", "the personal note is at most " + policy.noteLimit()
                    + " characters (it has " + trimmed.codePointCount(0, trimmed.length()) + ")");
        }
        String relationship = Relationship.normalize(cmd.relationship());
        String context = trimToNull(cmd.context());
        if (context != null && context.length() > 100) {
            throw DomainException.rule("context-too-long", "the company or school is at most 100 characters");
        }
        refuseForPair(facts.pair(), policy);
        if (facts.openFromSender()) {
            throw DomainException.conflict("invitation-already-pending", "you already have a pending invitation to this member");
        }
        if (facts.lastWithdrawnAt() != null && now.isBefore(facts.lastWithdrawnAt().plus(policy.withdrawCooldown()))) {
            Instant again = facts.lastWithdrawnAt().plus(policy.withdrawCooldown());
            throw DomainException.rule("reinvite-cooldown", "you withdrew an invitation to this member; you can invite them again from "
                    + DateTimeFormatter.ISO_INSTANT.format(again));
        }
        if (facts.openSent() >= policy.maxPendingSent()) {
            throw DomainException.rule("too-many-pending-invitations", "you have " + facts.openSent()
                    + " pending invitations, the most there can be; withdraw old ones first");
        }
        Standing standing = facts.standing();
        if (standing.remaining() <= 0) {
            throw DomainException.rateLimited("weekly-invitation-limit", "you have sent " + standing.used()
                    + " invitations in the last 7 days, your weekly limit is " + standing.quota(), standing.resetsAt());
        }
        InvitationSent sent = new InvitationSent(cmd.invitationId(), cmd.from(), cmd.to(), trimmed, relationship, context,
                cmd.templateId(), now, now.plus(policy.expiry()));
        if (facts.declinedAsUnknown()) {
            // The recipient once answered "I don't know this person". The sender must not learn it (issue 12): the
            // re-invite is accepted like any other and looks pending to them, but it stands declined from the start,
            // so it never reaches the recipient, gets no reminder and expires or is withdrawn like any pending one.
            return List.of(sent, new InvitationDeclinedAsUnknown(cmd.invitationId(), cmd.from(), cmd.to(), now));
        }
        return List.of(sent);
    }

    /** Rules of the pair that hold for a new invitation and for a mutual acceptance alike. */
    public static void refuseForPair(PairFacts facts, InvitationPolicy policy) {
        if (facts.blockedEitherWay()) {
            throw DomainException.notPossible(); // neutral: never tells who blocked whom, nor that anyone did
        }
        if (facts.alreadyConnected()) {
            throw DomainException.conflict("already-connected", "you are already connected with this member");
        }
        if (facts.senderConnections() >= policy.connectionCap()) {
            throw DomainException.rule("connection-limit-reached", "you have reached the limit of "
                    + policy.connectionCap() + " connections; remove some before inviting");
        }
        if (facts.recipientConnections() >= policy.connectionCap()) {
            throw DomainException.rule("recipient-connection-limit-reached",
                    "this member has reached the limit of " + policy.connectionCap() + " connections");
        }
    }

    /** The recipient accepts a pending (or ignored, if they change their mind) invitation. */
    public List<TrellisEvent> accept(UUID actor, Instant now) {
        requireRecipient(actor, "accept");
        requireAnswerable(now);
        return List.of(new InvitationAccepted(id, from, to, now, false));
    }

    /**
     * The recipient invited the sender back: their invitation is accepted instead (one connection; both are
     * told as for an acceptance).
     */
    public List<TrellisEvent> acceptMutually(UUID actor, Instant now) {
        requireRecipient(actor, "accept");
        requireAnswerable(now);
        return List.of(new InvitationAccepted(id, from, to, now, true));
    }

    /** The recipient ignores it: the sender is not told and still sees it pending. */
    public List<TrellisEvent> ignore(UUID actor, Instant now) {
        requireRecipient(actor, "ignore");
        requirePending(now);
        return List.of(new InvitationIgnored(id, from, to, now));
    }

    /** "I don't know this person": the sender is not told, may never invite again, and their standing drops. */
    public List<TrellisEvent> declineAsUnknown(UUID actor, Instant now) {
        requireRecipient(actor, "decline");
        if (status != InvitationStatus.PENDING && status != InvitationStatus.IGNORED) {
            throw notPending();
        }
        requireNotExpired(now);
        return List.of(new InvitationDeclinedAsUnknown(id, from, to, now));
    }

    /** The sender withdraws; the recipient's copy disappears. Open invitations only (as the sender sees them). */
    public List<TrellisEvent> withdraw(UUID actor, Instant now) {
        if (!from.equals(actor)) {
            throw DomainException.forbidden("not-the-sender", "only the sender can withdraw an invitation");
        }
        if (!status.openForSender()) {
            throw DomainException.conflict("invitation-not-pending", "the invitation is already "
                    + status.seenBySender().name().toLowerCase());
        }
        return List.of(new InvitationWithdrawn(id, from, to, now));
    }

    /**
     * {@code closed} (its sender or its recipient) closed their account: an open invitation is withdrawn (to the
     * sender it looked pending, so an ignored or declined one goes too), whoever of the two closed. Nothing for an
     * answered, withdrawn or expired one, nor for a member who is neither of the two, so a second closure changes
     * nothing.
     */
    public List<TrellisEvent> closeAccount(UUID closed, Instant now) {
        if (!status.openForSender() || !(from.equals(closed) || to.equals(closed))) {
            return List.of();
        }
        return List.of(new InvitationWithdrawn(id, from, to, now));
    }

    /** Time passing: the reminders that fell due (while pending) and the expiry. */
    public List<TrellisEvent> tick(InvitationPolicy policy, Instant now) {
        if (!status.openForSender()) {
            return List.of();
        }
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return List.of(new InvitationExpired(id, from, to, now));
        }
        List<TrellisEvent> due = new ArrayList<>();
        if (status == InvitationStatus.PENDING) {
            for (int n = remindersSent + 1; n <= policy.reminders().size(); n++) {
                Instant at = sentAt.plus(policy.reminders().get(n - 1));
                if (!now.isBefore(at)) {
                    due.add(new InvitationReminderDue(id, from, to, n, at));
                }
            }
        }
        return due;
    }

    /** When {@link #tick} next has something to do, or null. */
    public Instant nextDue(InvitationPolicy policy) {
        if (!status.openForSender()) {
            return null;
        }
        if (status == InvitationStatus.PENDING && remindersSent < policy.reminders().size()) {
            Instant r = sentAt.plus(policy.reminders().get(remindersSent));
            return expiresAt == null || r.isBefore(expiresAt) ? r : expiresAt;
        }
        return expiresAt;
    }

    private void requireRecipient(UUID actor, String what) {
        if (!to.equals(actor)) {
            throw DomainException.forbidden("not-the-recipient", "only the recipient can " + what + " an invitation");
        }
    }

    private void requireAnswerable(Instant now) {
        if (status != InvitationStatus.PENDING && status != InvitationStatus.IGNORED) {
            throw notPending();
        }
        requireNotExpired(now);
    }

    private void requirePending(Instant now) {
        if (status != InvitationStatus.PENDING) {
            throw notPending();
        }
        requireNotExpired(now);
    }

    private void requireNotExpired(Instant now) {
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            throw DomainException.conflict("invitation-not-pending", "the invitation has expired");
        }
    }

    private DomainException notPending() {
        return DomainException.conflict("invitation-not-pending", "the invitation is already " + status.name().toLowerCase());
    }

    private static String trimToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    /** What a member sees: the sender is never told that the recipient ignored or declined the invitation. */
    public String statusSeenBy(UUID member) {
        return (from.equals(member) ? status.seenBySender() : status).name().toLowerCase();
    }

    public UUID id() {
        return id;
    }

    public UUID fromMember() {
        return from;
    }

    public UUID toMember() {
        return to;
    }

    public String note() {
        return note;
    }

    public InvitationStatus status() {
        return status;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public int remindersSent() {
        return remindersSent;
    }
}
