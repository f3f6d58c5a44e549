package dev.trellis.notification.domain;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.invitation.InvitationDeclinedAsUnknown;
import dev.trellis.events.invitation.InvitationExpired;
import dev.trellis.events.invitation.InvitationIgnored;
import dev.trellis.events.invitation.InvitationReminderDue;
import dev.trellis.events.invitation.InvitationSent;
import dev.trellis.events.invitation.InvitationWithdrawn;
import dev.trellis.events.recommendation.RecommendationWritten;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Who is told what, when invitation and recommendation events arrive. Pure: given what is known of an
 * invitation and the next event, returns what is known afterwards and the effects on notifications and prompts.
 *
 * <p>Who is told:
 * <ul>
 * <li>sent: the recipient (with the note, the relationship and its company or school);</li>
 * <li>accepted: the sender; a mutual acceptance (the recipient invited the sender back) also tells the recipient,
 * as for an acceptance of their own invitation; both get a prompt;</li>
 * <li>ignored, declined as unknown: nobody; the recipient's notifications about it become handled;</li>
 * <li>withdrawn, expired: nobody; the recipient's notifications about it disappear;</li>
 * <li>a reminder due: the recipient, once per reminder number, while the invitation is pending as far as this
 * service knows (nothing once it is answered, withdrawn or expired).</li>
 * </ul>
 * The sender is never told that their invitation was ignored, declined, withdrawn (by themselves) or expired.
 *
 * <p>Events may arrive out of order (an answer before its InvitationSent): the badges end the same as in order.
 * An answered invitation's late InvitationSent gives the recipient an already handled notification; a withdrawn
 * or expired invitation's gives nothing. Duplicate and stale events change nothing.
 */
public final class NotificationRules {
    /** How long the welcome / follow-up prompts stay after an acceptance, by default. */
    public static final Duration PROMPT_LIFETIME = Duration.ofDays(14);

    /** What is known of the invitation afterwards, and the effects. */
    public record Decision(InvitationState state, List<Effect> effects) {
    }

    /**
     * @param known what is known of the event's invitation, or null if none of its events arrived yet
     * @param event an invitation event (anything else changes nothing)
     */
    public static Decision onInvitation(InvitationState known, TrellisEvent event) {
        return onInvitation(known, event, PROMPT_LIFETIME);
    }

    /** As {@link #onInvitation(InvitationState, TrellisEvent)}, with prompts that last {@code promptLifetime}. */
    public static Decision onInvitation(InvitationState known, TrellisEvent event, Duration promptLifetime) {
        if (event instanceof InvitationSent s) {
            return sent(known, s);
        }
        if (event instanceof InvitationAccepted a) {
            return transition(known, a.invitationId(), a.fromMemberId(), a.toMemberId(), InvitationOutcome.ACCEPTED,
                    () -> accepted(a, promptLifetime));
        }
        if (event instanceof InvitationIgnored i) {
            return transition(known, i.invitationId(), i.fromMemberId(), i.toMemberId(), InvitationOutcome.IGNORED,
                    () -> List.of(new Effect.MarkHandled(i.toMemberId(), i.invitationId())));
        }
        if (event instanceof InvitationDeclinedAsUnknown d) {
            return transition(known, d.invitationId(), d.fromMemberId(), d.toMemberId(),
                    InvitationOutcome.DECLINED_AS_UNKNOWN,
                    () -> List.of(new Effect.MarkHandled(d.toMemberId(), d.invitationId())));
        }
        if (event instanceof InvitationWithdrawn w) {
            return transition(known, w.invitationId(), w.fromMemberId(), w.toMemberId(), InvitationOutcome.WITHDRAWN,
                    () -> List.of(new Effect.Remove(w.toMemberId(), w.invitationId())));
        }
        if (event instanceof InvitationExpired x) {
            return transition(known, x.invitationId(), x.fromMemberId(), x.toMemberId(), InvitationOutcome.EXPIRED,
                    () -> List.of(new Effect.Remove(x.toMemberId(), x.invitationId())));
        }
        if (event instanceof InvitationReminderDue r) {
            return reminder(known, r);
        }
        return new Decision(known, List.of());
    }

    /** The invitation an invitation event is about; null for any other event. */
    public static UUID invitationId(TrellisEvent event) {
        if (event instanceof InvitationSent s) {
            return s.invitationId();
        }
        if (event instanceof InvitationAccepted a) {
            return a.invitationId();
        }
        if (event instanceof InvitationIgnored i) {
            return i.invitationId();
        }
        if (event instanceof InvitationDeclinedAsUnknown d) {
            return d.invitationId();
        }
        if (event instanceof InvitationWithdrawn w) {
            return w.invitationId();
        }
        if (event instanceof InvitationExpired x) {
            return x.invitationId();
        }
        if (event instanceof InvitationReminderDue r) {
            return r.invitationId();
        }
        return null;
    }

    /** The recipient of a recommendation is told who wrote it. */
    public static List<Effect> onRecommendation(RecommendationWritten w) {
        return List.of(new Effect.Notify(w.recipientId(), NotificationKind.RECOMMENDATION_RECEIVED, w.authorId(), null,
                null, w.recommendationId(), w.writtenAt(), false));
    }

    private static Decision sent(InvitationState known, InvitationSent s) {
        if (known != null && known.sentApplied()) {
            return new Decision(known, List.of()); // the same invitation announced twice
        }
        InvitationOutcome outcome = known == null ? InvitationOutcome.PENDING : known.outcome();
        InvitationState next = new InvitationState(s.invitationId(), s.fromMemberId(), s.toMemberId(), outcome, true,
                s.note());
        if (outcome.gone()) {
            return new Decision(next, List.of()); // already gone for the recipient
        }
        boolean handled = outcome != InvitationOutcome.PENDING; // answered before we heard of it
        return new Decision(next, List.of(new Effect.Notify(s.toMemberId(), NotificationKind.INVITATION_RECEIVED,
                s.fromMemberId(), s.note(), s.invitationId(), null, s.sentAt(), handled, s.relationship(), s.context(),
                null)));
    }

    /**
     * Accepted: the sender is told, the recipient's notifications about it are handled, both get a prompt. A
     * mutual acceptance is also told to the recipient, who invited the sender back: their invitation became
     * this one.
     */
    private static List<Effect> accepted(InvitationAccepted a, Duration promptLifetime) {
        List<Effect> effects = new ArrayList<>();
        effects.add(new Effect.Notify(a.fromMemberId(), NotificationKind.INVITATION_ACCEPTED, a.toMemberId(), null,
                a.invitationId(), null, a.acceptedAt(), false));
        if (a.mutual()) {
            effects.add(new Effect.Notify(a.toMemberId(), NotificationKind.INVITATION_ACCEPTED, a.fromMemberId(), null,
                    a.invitationId(), null, a.acceptedAt(), false));
        }
        effects.add(new Effect.MarkHandled(a.toMemberId(), a.invitationId()));
        effects.add(new Effect.OfferPrompt(a.toMemberId(), PromptKind.WELCOME_MESSAGE, a.fromMemberId(),
                a.invitationId(), a.acceptedAt(), a.acceptedAt().plus(promptLifetime)));
        effects.add(new Effect.OfferPrompt(a.fromMemberId(), PromptKind.FOLLOW_UP, a.toMemberId(),
                a.invitationId(), a.acceptedAt(), a.acceptedAt().plus(promptLifetime)));
        return effects;
    }

    /**
     * A reminder reaches the recipient while the invitation is pending as far as we know (also when none of its
     * events arrived yet: then without the note, and nothing is remembered). The store keeps one per number.
     */
    private static Decision reminder(InvitationState known, InvitationReminderDue r) {
        if (r.reminder() < 1 || known != null && known.outcome() != InvitationOutcome.PENDING) {
            return new Decision(known, List.of());
        }
        return new Decision(known, List.of(new Effect.Notify(r.toMemberId(), NotificationKind.INVITATION_REMINDER,
                r.fromMemberId(), known == null ? null : known.note(), r.invitationId(), null, r.dueAt(), false,
                null, null, r.reminder())));
    }

    /**
     * The invitation's outcome changes, if the aggregate allows it from what is known (else the event is a
     * duplicate, or stale after a later one, and changes nothing). The effects on the recipient's notifications
     * are decided even if its InvitationSent did not arrive yet: they then find nothing to change.
     */
    private static Decision transition(InvitationState known, UUID invitationId, UUID from, UUID to,
                                       InvitationOutcome outcome, Supplier<List<Effect>> effects) {
        InvitationState before = known != null ? known
                : new InvitationState(invitationId, from, to, InvitationOutcome.PENDING, false, null);
        if (!before.outcome().canBecome(outcome)) {
            return new Decision(known, List.of());
        }
        InvitationState next = new InvitationState(invitationId, from, to, outcome, before.sentApplied(), before.note());
        return new Decision(next, List.copyOf(effects.get()));
    }

    private NotificationRules() {
    }
}
