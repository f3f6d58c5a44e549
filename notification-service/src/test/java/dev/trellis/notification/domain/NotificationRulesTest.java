package dev.trellis.notification.domain;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.invitation.InvitationIgnored;
import dev.trellis.events.invitation.InvitationSent;
import dev.trellis.events.invitation.InvitationWithdrawn;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.events.recommendation.RecommendationWritten;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Given events / when event / then effects — no framework. */
class NotificationRulesTest {
    static final UUID INV = UUID.randomUUID();
    static final UUID ALICE = UUID.randomUUID(); // the sender
    static final UUID BOB = UUID.randomUUID();   // the recipient
    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    static final Instant T1 = T0.plusSeconds(3600);
    static final Instant T2 = T1.plusSeconds(3600);

    static InvitationSent sent() {
        return new InvitationSent(INV, ALICE, BOB, "Hi Bob, great talk", T0);
    }

    static InvitationAccepted accepted() {
        return new InvitationAccepted(INV, ALICE, BOB, T1);
    }

    static InvitationIgnored ignored() {
        return new InvitationIgnored(INV, ALICE, BOB, T1);
    }

    static InvitationWithdrawn withdrawn() {
        return new InvitationWithdrawn(INV, ALICE, BOB, T2);
    }

    /** What is known of the invitation after {@code events}. */
    static InvitationState given(TrellisEvent... events) {
        InvitationState s = null;
        for (TrellisEvent e : events) {
            s = NotificationRules.onInvitation(s, e).state();
        }
        return s;
    }

    static List<Effect> when(InvitationState known, TrellisEvent event) {
        return NotificationRules.onInvitation(known, event).effects();
    }

    @Test
    void an_invitation_notifies_its_recipient_with_the_sender_and_the_note() {
        assertEquals(List.of(new Effect.Notify(BOB, NotificationKind.INVITATION_RECEIVED, ALICE, "Hi Bob, great talk",
                INV, null, T0, false)), when(given(), sent()));
        assertEquals(Category.MY_NETWORK, NotificationKind.INVITATION_RECEIVED.category());
    }

    @Test
    void accepting_notifies_the_sender_handles_the_recipients_copy_and_offers_both_a_prompt() {
        assertEquals(List.of(
                new Effect.Notify(ALICE, NotificationKind.INVITATION_ACCEPTED, BOB, null, INV, null, T1, false),
                new Effect.MarkHandled(BOB, INV),
                new Effect.OfferPrompt(BOB, PromptKind.WELCOME_MESSAGE, ALICE, INV, T1, T1.plus(NotificationRules.PROMPT_LIFETIME)),
                new Effect.OfferPrompt(ALICE, PromptKind.FOLLOW_UP, BOB, INV, T1, T1.plusSeconds(14 * 24 * 3600))),
                when(given(sent()), accepted()));
    }

    @Test
    void ignoring_handles_the_recipients_copy_and_tells_the_sender_nothing() {
        List<Effect> then = when(given(sent()), ignored());
        assertEquals(List.of(new Effect.MarkHandled(BOB, INV)), then);
        assertTrue(then.stream().noneMatch(e -> e instanceof Effect.Notify n && n.recipient().equals(ALICE)));
    }

    @Test
    void withdrawing_removes_the_recipients_copy_and_nothing_else() {
        assertEquals(List.of(new Effect.Remove(BOB, INV)), when(given(sent()), withdrawn()));
    }

    @Test
    void an_ignored_invitation_may_still_be_withdrawn() {
        assertEquals(List.of(new Effect.Remove(BOB, INV)), when(given(sent(), ignored()), withdrawn()));
    }

    @Test
    void duplicates_and_stale_answers_change_nothing() {
        assertEquals(List.of(), when(given(sent()), sent()));
        assertEquals(List.of(), when(given(sent(), accepted()), accepted()));
        assertEquals(List.of(), when(given(sent(), accepted()), withdrawn()));
        assertEquals(List.of(), when(given(sent(), withdrawn()), accepted()));
        assertEquals(List.of(), when(given(sent(), withdrawn()), ignored()));
        assertEquals(List.of(), when(given(sent(), ignored()), accepted()));
    }

    @Test
    void an_answer_before_its_invitation_is_remembered_and_the_late_invitation_arrives_already_handled() {
        InvitationState afterAccept = given(accepted());
        assertEquals(InvitationOutcome.ACCEPTED, afterAccept.outcome());
        assertEquals(false, afterAccept.sentApplied());
        // nothing to mark handled yet, but the sender and the prompts do not wait
        assertEquals(3, when(given(), accepted()).size());
        assertEquals(List.of(new Effect.Notify(BOB, NotificationKind.INVITATION_RECEIVED, ALICE, "Hi Bob, great talk",
                INV, null, T0, true)), when(afterAccept, sent()));
        assertEquals(List.of(new Effect.Notify(BOB, NotificationKind.INVITATION_RECEIVED, ALICE, "Hi Bob, great talk",
                INV, null, T0, true)), when(given(ignored()), sent()));
    }

    @Test
    void a_withdrawn_invitation_arriving_late_is_not_resurrected() {
        assertEquals(List.of(), when(given(), withdrawn()));
        assertEquals(List.of(), when(given(withdrawn()), sent()));
        assertEquals(List.of(), when(given(ignored(), withdrawn()), sent()));
    }

    @Test
    void other_events_change_nothing() {
        NotificationRules.Decision d = NotificationRules.onInvitation(null,
                new ProfileCreated(ALICE, "Alice", "Smith", null, T0));
        assertNull(d.state());
        assertEquals(List.of(), d.effects());
        assertNull(NotificationRules.invitationId(new ProfileCreated(ALICE, "Alice", "Smith", null, T0)));
        assertEquals(INV, NotificationRules.invitationId(withdrawn()));
    }

    @Test
    void a_recommendation_notifies_its_recipient_in_the_notifications_tab() {
        UUID rec = UUID.randomUUID();
        List<Effect> then = NotificationRules.onRecommendation(
                new RecommendationWritten(rec, ALICE, BOB, "colleague", "Bob is great", T0));
        assertEquals(List.of(new Effect.Notify(BOB, NotificationKind.RECOMMENDATION_RECEIVED, ALICE, null, null, rec,
                T0, false)), then);
        assertEquals(Category.NOTIFICATIONS, NotificationKind.RECOMMENDATION_RECEIVED.category());
    }

    @Test
    void the_outcome_follows_the_invitation_aggregates_transitions() {
        for (InvitationOutcome o : InvitationOutcome.values()) {
            List<InvitationOutcome> allowed = new ArrayList<>();
            for (InvitationOutcome n : InvitationOutcome.values()) {
                if (o.canBecome(n)) {
                    allowed.add(n);
                }
            }
            List<InvitationOutcome> expected = switch (o) {
                case PENDING -> List.of(InvitationOutcome.ACCEPTED, InvitationOutcome.IGNORED, InvitationOutcome.WITHDRAWN);
                case IGNORED -> List.of(InvitationOutcome.WITHDRAWN);
                case ACCEPTED, WITHDRAWN -> List.of();
            };
            assertEquals(expected, allowed, o.name());
        }
    }
}
