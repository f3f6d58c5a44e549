package dev.trellis.notification.domain;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.invitation.InvitationDeclinedAsUnknown;
import dev.trellis.events.invitation.InvitationExpired;
import dev.trellis.events.invitation.InvitationIgnored;
import dev.trellis.events.invitation.InvitationReminderDue;
import dev.trellis.events.invitation.InvitationSent;
import dev.trellis.events.invitation.InvitationWithdrawn;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.events.recommendation.RecommendationWritten;
import org.junit.jupiter.api.Test;

import java.time.Duration;
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
        return new InvitationSent(INV, ALICE, BOB, "Hi Bob, great talk", null, null, null, T0, null);
    }

    static InvitationAccepted accepted() {
        return new InvitationAccepted(INV, ALICE, BOB, T1, false);
    }

    static InvitationIgnored ignored() {
        return new InvitationIgnored(INV, ALICE, BOB, T1);
    }

    static InvitationWithdrawn withdrawn() {
        return new InvitationWithdrawn(INV, ALICE, BOB, T2);
    }

    static InvitationAccepted acceptedMutually() {
        return new InvitationAccepted(INV, ALICE, BOB, T1, true);
    }

    static InvitationDeclinedAsUnknown declined() {
        return new InvitationDeclinedAsUnknown(INV, ALICE, BOB, T1);
    }

    static InvitationExpired expired() {
        return new InvitationExpired(INV, ALICE, BOB, T2);
    }

    static InvitationReminderDue reminder(int n) {
        return new InvitationReminderDue(INV, ALICE, BOB, n, T0.plus(Duration.ofDays(7L * n)));
    }

    /** Whether any effect notifies {@code member}. */
    static boolean notifies(List<Effect> effects, UUID member) {
        return effects.stream().anyMatch(e -> e instanceof Effect.Notify n && n.recipient().equals(member));
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
        assertEquals(List.of(), when(given(sent(), ignored()), ignored()));
        assertEquals(List.of(), when(given(sent(), accepted()), ignored()));
    }

    @Test
    void an_answer_before_its_invitation_is_remembered_and_the_late_invitation_arrives_already_handled() {
        InvitationState afterAccept = given(accepted());
        assertEquals(InvitationOutcome.ACCEPTED, afterAccept.outcome());
        assertEquals(false, afterAccept.sentApplied());
        // nothing to mark handled yet (the effect finds nothing), but the sender and the prompts do not wait
        assertEquals(4, when(given(), accepted()).size());
        assertTrue(notifies(when(given(), accepted()), ALICE));
        assertEquals(List.of(new Effect.Notify(BOB, NotificationKind.INVITATION_RECEIVED, ALICE, "Hi Bob, great talk",
                INV, null, T0, true)), when(afterAccept, sent()));
        assertEquals(List.of(new Effect.Notify(BOB, NotificationKind.INVITATION_RECEIVED, ALICE, "Hi Bob, great talk",
                INV, null, T0, true)), when(given(ignored()), sent()));
    }

    @Test
    void a_withdrawn_invitation_arriving_late_is_not_resurrected() {
        assertEquals(List.of(new Effect.Remove(BOB, INV)), when(given(), withdrawn())); // finds nothing yet
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
                new RecommendationWritten(rec, ALICE, BOB, "colleague", null, "Bob is great", 1, T0));
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
                case PENDING -> List.of(InvitationOutcome.ACCEPTED, InvitationOutcome.IGNORED,
                        InvitationOutcome.DECLINED_AS_UNKNOWN, InvitationOutcome.WITHDRAWN, InvitationOutcome.EXPIRED);
                // the recipient may change their mind; the sender still thinks it pending
                case IGNORED -> List.of(InvitationOutcome.ACCEPTED, InvitationOutcome.DECLINED_AS_UNKNOWN,
                        InvitationOutcome.WITHDRAWN, InvitationOutcome.EXPIRED);
                case DECLINED_AS_UNKNOWN -> List.of(InvitationOutcome.WITHDRAWN, InvitationOutcome.EXPIRED);
                case ACCEPTED, WITHDRAWN, EXPIRED -> List.of();
            };
            assertEquals(expected, allowed, o.name());
        }
    }

    // ---- relationship and context

    @Test
    void an_invitation_carries_how_the_sender_knows_the_recipient() {
        InvitationSent s = new InvitationSent(INV, ALICE, BOB, "Hi", "colleague", "Acme Corp", "t1", T0,
                T0.plus(Duration.ofDays(180)));
        assertEquals(List.of(new Effect.Notify(BOB, NotificationKind.INVITATION_RECEIVED, ALICE, "Hi", INV, null, T0,
                false, "colleague", "Acme Corp", null)), when(given(), s));
        // also when it arrives already answered
        assertEquals(List.of(new Effect.Notify(BOB, NotificationKind.INVITATION_RECEIVED, ALICE, "Hi", INV, null, T0,
                true, "colleague", "Acme Corp", null)), when(given(declined()), s));
    }

    // ---- accepted after ignoring, mutual acceptance

    @Test
    void an_ignored_invitation_may_still_be_accepted_and_then_the_sender_is_told() {
        InvitationState ignoredOne = given(sent(), ignored());
        List<Effect> then = when(ignoredOne, accepted());
        assertEquals(List.of(
                new Effect.Notify(ALICE, NotificationKind.INVITATION_ACCEPTED, BOB, null, INV, null, T1, false),
                new Effect.MarkHandled(BOB, INV),
                new Effect.OfferPrompt(BOB, PromptKind.WELCOME_MESSAGE, ALICE, INV, T1, T1.plus(NotificationRules.PROMPT_LIFETIME)),
                new Effect.OfferPrompt(ALICE, PromptKind.FOLLOW_UP, BOB, INV, T1, T1.plus(NotificationRules.PROMPT_LIFETIME))),
                then);
        assertEquals(InvitationOutcome.ACCEPTED, given(sent(), ignored(), accepted()).outcome());
        // an ignore arriving after the acceptance is stale
        assertEquals(List.of(), when(given(sent(), accepted()), ignored()));
    }

    @Test
    void a_mutual_acceptance_tells_both_as_an_acceptance_and_handles_the_recipients_invitation() {
        assertEquals(List.of(
                new Effect.Notify(ALICE, NotificationKind.INVITATION_ACCEPTED, BOB, null, INV, null, T1, false),
                new Effect.Notify(BOB, NotificationKind.INVITATION_ACCEPTED, ALICE, null, INV, null, T1, false),
                new Effect.MarkHandled(BOB, INV),
                new Effect.OfferPrompt(BOB, PromptKind.WELCOME_MESSAGE, ALICE, INV, T1, T1.plus(NotificationRules.PROMPT_LIFETIME)),
                new Effect.OfferPrompt(ALICE, PromptKind.FOLLOW_UP, BOB, INV, T1, T1.plus(NotificationRules.PROMPT_LIFETIME))),
                when(given(sent()), acceptedMutually()));
        assertEquals(InvitationOutcome.ACCEPTED, given(sent(), acceptedMutually()).outcome());
        // a plain acceptance tells the recipient nothing
        assertTrue(!notifies(when(given(sent()), accepted()), BOB));
        // duplicates and either form after the other change nothing
        assertEquals(List.of(), when(given(sent(), acceptedMutually()), acceptedMutually()));
        assertEquals(List.of(), when(given(sent(), accepted()), acceptedMutually()));
        // before its invitation: the late invitation arrives handled
        assertEquals(List.of(new Effect.Notify(BOB, NotificationKind.INVITATION_RECEIVED, ALICE, "Hi Bob, great talk",
                INV, null, T0, true)), when(given(acceptedMutually()), sent()));
    }

    // ---- declined as unknown

    @Test
    void declining_as_unknown_handles_the_recipients_copy_and_tells_the_sender_nothing() {
        List<Effect> then = when(given(sent()), declined());
        assertEquals(List.of(new Effect.MarkHandled(BOB, INV)), then);
        assertTrue(!notifies(then, ALICE));
        assertEquals(InvitationOutcome.DECLINED_AS_UNKNOWN, given(sent(), declined()).outcome());
        // after ignoring it, too
        assertEquals(List.of(new Effect.MarkHandled(BOB, INV)), when(given(sent(), ignored()), declined()));
    }

    @Test
    void a_declined_invitation_may_still_be_withdrawn_or_expire_but_not_be_answered_again() {
        assertEquals(List.of(new Effect.Remove(BOB, INV)), when(given(sent(), declined()), withdrawn()));
        assertEquals(List.of(new Effect.Remove(BOB, INV)), when(given(sent(), declined()), expired()));
        assertEquals(List.of(), when(given(sent(), declined()), declined()));
        assertEquals(List.of(), when(given(sent(), declined()), accepted()));
        assertEquals(List.of(), when(given(sent(), declined()), ignored()));
        assertEquals(List.of(), when(given(sent(), accepted()), declined()));
        assertEquals(List.of(), when(given(sent(), withdrawn()), declined()));
        assertEquals(List.of(), when(given(sent(), expired()), declined()));
    }

    @Test
    void a_decline_before_its_invitation_makes_the_late_invitation_arrive_handled_and_tells_the_sender_nothing() {
        List<Effect> first = when(given(), declined());
        assertTrue(!notifies(first, ALICE));
        InvitationState afterDecline = given(declined());
        assertEquals(InvitationOutcome.DECLINED_AS_UNKNOWN, afterDecline.outcome());
        assertEquals(false, afterDecline.sentApplied());
        assertEquals(List.of(new Effect.Notify(BOB, NotificationKind.INVITATION_RECEIVED, ALICE, "Hi Bob, great talk",
                INV, null, T0, true)), when(afterDecline, sent()));
    }

    // ---- expired

    @Test
    void expiry_removes_the_recipients_copy_and_tells_the_sender_nothing() {
        List<Effect> then = when(given(sent()), expired());
        assertEquals(List.of(new Effect.Remove(BOB, INV)), then);
        assertEquals(InvitationOutcome.EXPIRED, given(sent(), expired()).outcome());
        assertEquals(List.of(new Effect.Remove(BOB, INV)), when(given(sent(), ignored()), expired()));
    }

    @Test
    void only_an_open_invitation_expires() {
        assertEquals(List.of(), when(given(sent(), accepted()), expired()));
        assertEquals(List.of(), when(given(sent(), withdrawn()), expired()));
        assertEquals(List.of(), when(given(sent(), expired()), expired()));
        assertEquals(List.of(), when(given(sent(), expired()), accepted()));
        assertEquals(List.of(), when(given(sent(), expired()), ignored()));
        assertEquals(List.of(), when(given(sent(), expired()), withdrawn()));
    }

    @Test
    void an_expiry_before_its_invitation_keeps_the_late_invitation_from_counting() {
        InvitationState afterExpiry = given(expired());
        assertEquals(InvitationOutcome.EXPIRED, afterExpiry.outcome());
        assertTrue(!notifies(when(given(), expired()), ALICE));
        assertEquals(List.of(), when(afterExpiry, sent()));
        assertEquals(List.of(), when(given(ignored(), expired()), sent()));
        assertEquals(List.of(), when(given(declined(), expired()), sent()));
    }

    // ---- reminders

    @Test
    void a_reminder_of_a_pending_invitation_reaches_the_recipient_with_the_note() {
        InvitationState pending = given(sent());
        NotificationRules.Decision d = NotificationRules.onInvitation(pending, reminder(1));
        assertEquals(List.of(new Effect.Notify(BOB, NotificationKind.INVITATION_REMINDER, ALICE, "Hi Bob, great talk",
                INV, null, reminder(1).dueAt(), false, null, null, 1)), d.effects());
        assertEquals(pending, d.state());
        assertEquals(Category.MY_NETWORK, NotificationKind.INVITATION_REMINDER.category());
        assertEquals(List.of(new Effect.Notify(BOB, NotificationKind.INVITATION_REMINDER, ALICE, "Hi Bob, great talk",
                INV, null, reminder(2).dueAt(), false, null, null, 2)), when(given(sent(), reminder(1)), reminder(2)));
        // the same reminder again decides the same notification, of which the store keeps one
        assertEquals(d.effects(), when(given(sent(), reminder(1)), reminder(1)));
    }

    @Test
    void no_reminder_once_the_invitation_is_answered_withdrawn_or_expired() {
        assertEquals(List.of(), when(given(sent(), accepted()), reminder(1)));
        assertEquals(List.of(), when(given(sent(), acceptedMutually()), reminder(1)));
        assertEquals(List.of(), when(given(sent(), ignored()), reminder(1)));
        assertEquals(List.of(), when(given(sent(), declined()), reminder(2)));
        assertEquals(List.of(), when(given(sent(), withdrawn()), reminder(1)));
        assertEquals(List.of(), when(given(sent(), expired()), reminder(2)));
        assertEquals(List.of(), when(given(accepted()), reminder(1))); // even before its invitation arrived
        assertEquals(List.of(), when(given(sent()), reminder(0)));
    }

    @Test
    void a_reminder_before_its_invitation_still_reaches_the_recipient_and_remembers_nothing() {
        NotificationRules.Decision d = NotificationRules.onInvitation(null, reminder(1));
        assertNull(d.state());
        assertEquals(List.of(new Effect.Notify(BOB, NotificationKind.INVITATION_REMINDER, ALICE, null, INV, null,
                reminder(1).dueAt(), false, null, null, 1)), d.effects());
        assertEquals(INV, NotificationRules.invitationId(reminder(1)));
    }

    @Test
    void answering_handles_and_ending_removes_the_reminders_too() {
        assertEquals(List.of(NotificationKind.INVITATION_RECEIVED, NotificationKind.INVITATION_REMINDER),
                NotificationKind.AWAITING_ANSWER);
        assertTrue(when(given(sent(), reminder(1)), accepted()).contains(new Effect.MarkHandled(BOB, INV)));
        assertEquals(List.of(new Effect.MarkHandled(BOB, INV)), when(given(sent(), reminder(1)), declined()));
        assertEquals(List.of(new Effect.Remove(BOB, INV)), when(given(sent(), reminder(1), reminder(2)), expired()));
    }

    @Test
    void the_new_events_name_their_invitation() {
        assertEquals(INV, NotificationRules.invitationId(declined()));
        assertEquals(INV, NotificationRules.invitationId(expired()));
        assertEquals(INV, NotificationRules.invitationId(reminder(2)));
    }
}
