package dev.trellis.invitation.domain;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.invitation.InvitationIgnored;
import dev.trellis.events.invitation.InvitationSent;
import dev.trellis.events.invitation.InvitationWithdrawn;
import dev.trellis.platform.domain.DomainException;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The invitation aggregate (stream "invitation-<id>"): a member's request to connect with another, with an
 * optional personal note. Rebuilt from its events; every decision returns the new events or throws.
 */
public final class Invitation {
    public static final int DEFAULT_NOTE_LIMIT = 300;

    private UUID id;
    private UUID from;
    private UUID to;
    private String note;
    private InvitationStatus status;

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

    private void apply(TrellisEvent e) {
        if (e instanceof InvitationSent s) {
            id = s.invitationId();
            from = s.fromMemberId();
            to = s.toMemberId();
            note = s.note();
            status = InvitationStatus.PENDING;
        } else if (e instanceof InvitationAccepted) {
            status = InvitationStatus.ACCEPTED;
        } else if (e instanceof InvitationIgnored) {
            status = InvitationStatus.IGNORED;
        } else if (e instanceof InvitationWithdrawn) {
            status = InvitationStatus.WITHDRAWN;
        }
    }

    /**
     * Sending. The note is optional, trimmed, at most {@code noteLimit} characters; an empty note counts as none.
     * A member cannot invite themself.
     */
    public static List<TrellisEvent> send(UUID invitationId, UUID from, UUID to, String note, int noteLimit,
                                          Instant now) {
        if (from.equals(to)) {
            throw DomainException.rule("cannot-invite-yourself", "you cannot invite yourself");
        }
        String trimmed = note == null ? null : note.strip();
        if (trimmed != null && trimmed.isEmpty()) {
            trimmed = null;
        }
        if (trimmed != null && trimmed.codePointCount(0, trimmed.length()) > noteLimit) {
            throw DomainException.rule("note-too-long",
                    "the personal note is at most " + noteLimit + " characters (it has "
                            + trimmed.codePointCount(0, trimmed.length()) + ")");
        }
        return List.of(new InvitationSent(invitationId, from, to, trimmed, now));
    }

    /** The recipient accepts a pending invitation. */
    public List<TrellisEvent> accept(UUID actor, Instant now) {
        requireRecipient(actor, "accept");
        requirePending();
        return List.of(new InvitationAccepted(id, from, to, now));
    }

    /** The recipient ignores a pending invitation; the sender is not told. */
    public List<TrellisEvent> ignore(UUID actor, Instant now) {
        requireRecipient(actor, "ignore");
        requirePending();
        return List.of(new InvitationIgnored(id, from, to, now));
    }

    /** The sender withdraws a pending invitation; the recipient's copy disappears. */
    public List<TrellisEvent> withdraw(UUID actor, Instant now) {
        if (!from.equals(actor)) {
            throw DomainException.forbidden("not-the-sender", "only the sender can withdraw an invitation");
        }
        // an ignored invitation still looks pending to its sender, who may withdraw it
        if (status != InvitationStatus.PENDING && status != InvitationStatus.IGNORED) {
            throw DomainException.conflict("invitation-not-pending", "the invitation is already " + statusSeenBy(actor));
        }
        return List.of(new InvitationWithdrawn(id, from, to, now));
    }

    private void requireRecipient(UUID actor, String what) {
        if (!to.equals(actor)) {
            throw DomainException.forbidden("not-the-recipient", "only the recipient can " + what + " an invitation");
        }
    }

    private void requirePending() {
        if (status != InvitationStatus.PENDING) {
            throw DomainException.conflict("invitation-not-pending",
                    "the invitation is already " + status.name().toLowerCase());
        }
    }

    /** What a member sees: the sender is never told that the recipient ignored the invitation. */
    public String statusSeenBy(UUID member) {
        InvitationStatus s = status == InvitationStatus.IGNORED && from.equals(member) ? InvitationStatus.PENDING : status;
        return s.name().toLowerCase();
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
}
