package dev.trellis.notification.domain;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.invitation.InvitationIgnored;
import dev.trellis.events.invitation.InvitationSent;
import dev.trellis.events.invitation.InvitationWithdrawn;
import dev.trellis.events.recommendation.RecommendationWritten;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Who is told what, when invitation and recommendation events arrive. Pure: given what is known of an
 * invitation and the next event, returns what is known afterwards and the effects on notifications and prompts.
 *
 * <p>Events may arrive out of order (an answer before its InvitationSent): the outcome is the same as in order.
 * An answered invitation's late InvitationSent gives the recipient an already handled notification; a withdrawn
 * invitation's gives nothing. Duplicate and stale events change nothing.
 */
public final class NotificationRules {
    /** How long the welcome / follow-up prompts stay after an acceptance. */
    public static final Duration PROMPT_LIFETIME = Duration.ofDays(14);

    /** What is known of the invitation afterwards, and the effects. */
    public record Decision(InvitationState state, List<Effect> effects) {
    }

    /**
     * @param known what is known of the event's invitation, or null if none of its events arrived yet
     * @param event an invitation event (anything else changes nothing)
     */
    public static Decision onInvitation(InvitationState known, TrellisEvent event) {
        if (event instanceof InvitationSent s) {
            return sent(known, s);
        }
        if (event instanceof InvitationAccepted a) {
            return answered(known, a.invitationId(), a.fromMemberId(), a.toMemberId(), InvitationOutcome.ACCEPTED,
                    st -> {
                        List<Effect> effects = new ArrayList<>();
                        effects.add(new Effect.Notify(a.fromMemberId(), NotificationKind.INVITATION_ACCEPTED,
                                a.toMemberId(), null, a.invitationId(), null, a.acceptedAt(), false));
                        if (st.sentApplied()) {
                            effects.add(new Effect.MarkHandled(a.toMemberId(), a.invitationId()));
                        }
                        effects.add(new Effect.OfferPrompt(a.toMemberId(), PromptKind.WELCOME_MESSAGE, a.fromMemberId(),
                                a.invitationId(), a.acceptedAt(), a.acceptedAt().plus(PROMPT_LIFETIME)));
                        effects.add(new Effect.OfferPrompt(a.fromMemberId(), PromptKind.FOLLOW_UP, a.toMemberId(),
                                a.invitationId(), a.acceptedAt(), a.acceptedAt().plus(PROMPT_LIFETIME)));
                        return effects;
                    });
        }
        if (event instanceof InvitationIgnored i) {
            // the sender is never told
            return answered(known, i.invitationId(), i.fromMemberId(), i.toMemberId(), InvitationOutcome.IGNORED,
                    st -> st.sentApplied() ? List.of(new Effect.MarkHandled(i.toMemberId(), i.invitationId())) : List.of());
        }
        if (event instanceof InvitationWithdrawn w) {
            return answered(known, w.invitationId(), w.fromMemberId(), w.toMemberId(), InvitationOutcome.WITHDRAWN,
                    st -> st.sentApplied() ? List.of(new Effect.Remove(w.toMemberId(), w.invitationId())) : List.of());
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
        if (event instanceof InvitationWithdrawn w) {
            return w.invitationId();
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
        InvitationState next = new InvitationState(s.invitationId(), s.fromMemberId(), s.toMemberId(), outcome, true);
        if (outcome == InvitationOutcome.WITHDRAWN) {
            return new Decision(next, List.of()); // already gone for the recipient
        }
        boolean handled = outcome != InvitationOutcome.PENDING; // answered before we heard of it
        return new Decision(next, List.of(new Effect.Notify(s.toMemberId(), NotificationKind.INVITATION_RECEIVED,
                s.fromMemberId(), s.note(), s.invitationId(), null, s.sentAt(), handled)));
    }

    private static Decision answered(InvitationState known, UUID invitationId, UUID from,
                                     UUID to, InvitationOutcome outcome, Function<InvitationState, List<Effect>> effects) {
        InvitationState before = known != null ? known
                : new InvitationState(invitationId, from, to, InvitationOutcome.PENDING, false);
        if (!before.outcome().canBecome(outcome)) {
            return new Decision(known, List.of()); // a duplicate, or stale after a later answer
        }
        InvitationState next = new InvitationState(invitationId, from, to, outcome, before.sentApplied());
        return new Decision(next, List.copyOf(effects.apply(before)));
    }

    private NotificationRules() {
    }
}
