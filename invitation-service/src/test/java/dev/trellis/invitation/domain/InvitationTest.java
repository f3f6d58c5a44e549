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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Given events / when command / then events or error — no framework. */
class InvitationTest {
    static final UUID ID = UUID.randomUUID();
    static final UUID ALICE = UUID.randomUUID();
    static final UUID BOB = UUID.randomUUID();
    static final UUID CAROL = UUID.randomUUID();
    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    static final Instant T1 = T0.plusSeconds(3600);
    static final InvitationPolicy POLICY = InvitationPolicy.defaults();
    static final Instant EXPIRES = T0.plus(POLICY.expiry());
    static final Standing FRESH = Standing.compute(new Standing.History(0, 0, 0), List.of(), T0);

    static List<TrellisEvent> given(TrellisEvent... events) {
        return List.of(events);
    }

    static InvitationSent sent() {
        return new InvitationSent(ID, ALICE, BOB, "Hi Bob", "colleague", "Acme", null, T0, EXPIRES);
    }

    /** Facts of a pair where nothing stands in the way. */
    static SendFacts clear() {
        return new SendFacts(true, false, false, false, null, false, 10, 10, 0, FRESH);
    }

    static Invitation.Send send(String note) {
        return new Invitation.Send(ID, ALICE, BOB, note, null, null, null);
    }

    static void thenRefused(String reason, DomainException.Kind kind, Supplier<List<TrellisEvent>> when) {
        DomainException e = assertThrows(DomainException.class, when::get);
        assertEquals(reason, e.reason());
        assertEquals(kind, e.kind());
    }

    @Nested
    class Sending {
        @Test
        void emits_InvitationSent_with_the_trimmed_note_relationship_and_expiry() {
            List<TrellisEvent> then = Invitation.send(new Invitation.Send(ID, ALICE, BOB, "  Hi Bob, we met at KubeCon  ",
                    "Industry-Contact", " KubeCon ", null), clear(), POLICY, T0);
            assertEquals(List.of(new InvitationSent(ID, ALICE, BOB, "Hi Bob, we met at KubeCon", "industry-contact",
                    "KubeCon", null, T0, EXPIRES)), then);
        }

        @Test
        void a_blank_note_is_no_note() {
            assertNull(((InvitationSent) Invitation.send(send("   "), clear(), POLICY, T0).get(0)).note());
        }

        @Test
        void the_note_limit_counts_characters_after_trimming() {
            Invitation.send(send("x".repeat(300)), clear(), POLICY, T0);
            Invitation.send(send("\uD83D\uDE00".repeat(300)), clear(), POLICY, T0); // 300 characters, 600 UTF-16 units
            thenRefused("note-too-long", DomainException.Kind.RULE_VIOLATION,
                    () -> Invitation.send(send("x".repeat(301)), clear(), POLICY, T0));
        }

        @Test
        void an_unknown_relationship_is_refused() {
            thenRefused("unknown-relationship", DomainException.Kind.RULE_VIOLATION, () -> Invitation.send(
                    new Invitation.Send(ID, ALICE, BOB, null, "drinking-buddy", null, null), clear(), POLICY, T0));
        }

        @Test
        void inviting_yourself_is_refused() {
            thenRefused("cannot-invite-yourself", DomainException.Kind.RULE_VIOLATION, () -> Invitation.send(
                    new Invitation.Send(ID, ALICE, ALICE, null, null, null, null), clear(), POLICY, T0));
        }

        @Test
        void each_rule_of_the_pair_refuses_with_its_reason() {
            SendFacts f = clear();
            thenRefused("member-not-found", DomainException.Kind.NOT_FOUND, () -> Invitation.send(send(null),
                    new SendFacts(false, false, false, false, null, false, 10, 10, 0, FRESH), POLICY, T0));
            thenRefused("not-possible", DomainException.Kind.FORBIDDEN, () -> Invitation.send(send(null),
                    new SendFacts(true, true, false, false, null, false, 10, 10, 0, FRESH), POLICY, T0));
            thenRefused("already-connected", DomainException.Kind.CONFLICT, () -> Invitation.send(send(null),
                    new SendFacts(true, false, true, false, null, false, 10, 10, 0, FRESH), POLICY, T0));
            thenRefused("invitation-already-pending", DomainException.Kind.CONFLICT, () -> Invitation.send(send(null),
                    new SendFacts(true, false, false, true, null, false, 10, 10, 0, FRESH), POLICY, T0));
            thenRefused("connection-limit-reached", DomainException.Kind.RULE_VIOLATION, () -> Invitation.send(send(null),
                    new SendFacts(true, false, false, false, null, false, 30_000, 10, 0, FRESH), POLICY, T0));
            thenRefused("recipient-connection-limit-reached", DomainException.Kind.RULE_VIOLATION, () -> Invitation.send(send(null),
                    new SendFacts(true, false, false, false, null, false, 10, 30_000, 0, FRESH), POLICY, T0));
            thenRefused("too-many-pending-invitations", DomainException.Kind.RULE_VIOLATION, () -> Invitation.send(send(null),
                    new SendFacts(true, false, false, false, null, false, 10, 10, 5_000, FRESH), POLICY, T0));
            assertEquals(1, Invitation.send(send(null), f, POLICY, T0).size());
        }

        @Test
        void a_block_either_way_refuses_an_accept_and_a_mutual_acceptance_with_the_neutral_not_possible() {
            DomainException e = assertThrows(DomainException.class, () -> Invitation.refuseForPair(
                    new PairFacts(true, false, 10, 10), POLICY));
            assertEquals("not-possible", e.reason());
            assertEquals("this is not possible with this member", e.getMessage());
        }

        @Test
        void a_reinvite_after_I_dont_know_is_sent_already_declined_and_looks_pending_to_the_sender() {
            // given: the recipient once answered "I don't know this person", that invitation is closed (withdrawn or
            // expired) and the cooldown is over; when: the sender invites again
            List<TrellisEvent> then = Invitation.send(send(null),
                    new SendFacts(true, false, false, false, T0.minus(Duration.ofDays(30)), true, 10, 10, 0, FRESH), POLICY, T0);
            // then: sent like any re-invite, and declined at once: it never reaches the recipient
            assertEquals(List.of(new InvitationSent(ID, ALICE, BOB, null, null, null, null, T0, EXPIRES),
                    new InvitationDeclinedAsUnknown(ID, ALICE, BOB, T0)), then);
            Invitation inv = Invitation.from(then);
            assertEquals("pending", inv.statusSeenBy(ALICE));
            // and to the sender it behaves like one nobody answers: no reminder, it can be withdrawn, it expires
            assertTrue(inv.tick(POLICY, T0.plus(Duration.ofDays(20))).isEmpty());
            assertEquals(List.of(new InvitationExpired(ID, ALICE, BOB, EXPIRES)), inv.tick(POLICY, EXPIRES));
            assertEquals(1, Invitation.from(then).withdraw(ALICE, T1).size());
            // the same re-invite to a member who simply never answered is the same answer to the sender
            Invitation innocent = Invitation.from(Invitation.send(send(null),
                    new SendFacts(true, false, false, false, T0.minus(Duration.ofDays(30)), false, 10, 10, 0, FRESH), POLICY, T0));
            assertEquals(innocent.statusSeenBy(ALICE), inv.statusSeenBy(ALICE));
        }

        @Test
        void a_reinvite_after_I_dont_know_still_meets_every_other_rule() {
            thenRefused("invitation-already-pending", DomainException.Kind.CONFLICT, () -> Invitation.send(send(null),
                    new SendFacts(true, false, false, true, null, true, 10, 10, 0, FRESH), POLICY, T0));
            thenRefused("reinvite-cooldown", DomainException.Kind.RULE_VIOLATION, () -> Invitation.send(send(null),
                    new SendFacts(true, false, false, false, T0.minus(Duration.ofDays(2)), true, 10, 10, 0, FRESH), POLICY, T0));
        }

        @Test
        void re_inviting_within_21_days_of_a_withdrawal_is_refused_then_allowed() {
            Instant withdrawn = T0.minus(Duration.ofDays(20));
            thenRefused("reinvite-cooldown", DomainException.Kind.RULE_VIOLATION, () -> Invitation.send(send(null),
                    new SendFacts(true, false, false, false, withdrawn, false, 10, 10, 0, FRESH), POLICY, T0));
            Invitation.send(send(null), new SendFacts(true, false, false, false, T0.minus(Duration.ofDays(21)), false,
                    10, 10, 0, FRESH), POLICY, T0);
        }

        @Test
        void over_the_weekly_quota_is_a_429_that_says_when_it_frees_up() {
            List<Instant> sends = java.util.stream.IntStream.range(0, 100).mapToObj(i -> T0.minus(Duration.ofHours(i + 1))).toList();
            Standing full = Standing.compute(new Standing.History(0, 0, 0), sends, T0);
            DomainException e = assertThrows(DomainException.class, () -> Invitation.send(send(null),
                    new SendFacts(true, false, false, false, null, false, 10, 10, 100, full), POLICY, T0));
            assertEquals("weekly-invitation-limit", e.reason());
            assertEquals(DomainException.Kind.RATE_LIMITED, e.kind());
            assertEquals(T0.minus(Duration.ofHours(100)).plus(Duration.ofDays(7)), e.retryAt());
        }
    }

    @Nested
    class Answering {
        @Test
        void the_recipient_accepts_a_pending_invitation() {
            assertEquals(List.of(new InvitationAccepted(ID, ALICE, BOB, T1, false)), Invitation.from(given(sent())).accept(BOB, T1));
        }

        @Test
        void inviting_back_accepts_mutually() {
            assertEquals(List.of(new InvitationAccepted(ID, ALICE, BOB, T1, true)),
                    Invitation.from(given(sent())).acceptMutually(BOB, T1));
        }

        @Test
        void only_the_recipient_may_answer() {
            Invitation inv = Invitation.from(given(sent()));
            thenRefused("not-the-recipient", DomainException.Kind.FORBIDDEN, () -> inv.accept(ALICE, T1));
            thenRefused("not-the-recipient", DomainException.Kind.FORBIDDEN, () -> inv.ignore(CAROL, T1));
            thenRefused("not-the-recipient", DomainException.Kind.FORBIDDEN, () -> inv.declineAsUnknown(ALICE, T1));
        }

        @Test
        void an_answered_invitation_cannot_be_answered_again() {
            for (TrellisEvent end : List.of(new InvitationAccepted(ID, ALICE, BOB, T1, false),
                    new InvitationWithdrawn(ID, ALICE, BOB, T1), new InvitationExpired(ID, ALICE, BOB, T1),
                    new InvitationDeclinedAsUnknown(ID, ALICE, BOB, T1))) {
                Invitation inv = Invitation.from(given(sent(), end));
                thenRefused("invitation-not-pending", DomainException.Kind.CONFLICT, () -> inv.accept(BOB, T1));
            }
        }

        @Test
        void ignoring_and_declining_are_hidden_from_the_sender() {
            assertEquals(List.of(new InvitationIgnored(ID, ALICE, BOB, T1)), Invitation.from(given(sent())).ignore(BOB, T1));
            assertEquals(List.of(new InvitationDeclinedAsUnknown(ID, ALICE, BOB, T1)),
                    Invitation.from(given(sent())).declineAsUnknown(BOB, T1));
            Invitation ignored = Invitation.from(given(sent(), new InvitationIgnored(ID, ALICE, BOB, T1)));
            assertEquals("pending", ignored.statusSeenBy(ALICE));
            assertEquals("ignored", ignored.statusSeenBy(BOB));
            Invitation declined = Invitation.from(given(sent(), new InvitationDeclinedAsUnknown(ID, ALICE, BOB, T1)));
            assertEquals("pending", declined.statusSeenBy(ALICE));
        }

        @Test
        void the_recipient_may_still_say_I_dont_know_after_ignoring() {
            Invitation ignored = Invitation.from(given(sent(), new InvitationIgnored(ID, ALICE, BOB, T1)));
            assertEquals(1, ignored.declineAsUnknown(BOB, T1).size());
        }

        @Test
        void an_expired_invitation_cannot_be_accepted_even_before_the_sweep() {
            Invitation inv = Invitation.from(given(sent()));
            thenRefused("invitation-not-pending", DomainException.Kind.CONFLICT, () -> inv.accept(BOB, EXPIRES));
        }

        @Test
        void only_the_sender_withdraws_and_only_what_looks_pending_to_them() {
            Invitation inv = Invitation.from(given(sent()));
            thenRefused("not-the-sender", DomainException.Kind.FORBIDDEN, () -> inv.withdraw(BOB, T1));
            assertEquals(List.of(new InvitationWithdrawn(ID, ALICE, BOB, T1)), inv.withdraw(ALICE, T1));
            assertEquals(1, Invitation.from(given(sent(), new InvitationIgnored(ID, ALICE, BOB, T1))).withdraw(ALICE, T1).size());
            assertEquals(1, Invitation.from(given(sent(), new InvitationDeclinedAsUnknown(ID, ALICE, BOB, T1))).withdraw(ALICE, T1).size());
            Invitation accepted = Invitation.from(given(sent(), new InvitationAccepted(ID, ALICE, BOB, T1, false)));
            thenRefused("invitation-not-pending", DomainException.Kind.CONFLICT, () -> accepted.withdraw(ALICE, T1));
        }
    }

    @Nested
    class TimePassing {
        @Test
        void two_reminders_after_7_and_14_days_then_the_expiry() {
            Invitation inv = Invitation.from(given(sent()));
            assertTrue(inv.tick(POLICY, T0.plus(Duration.ofDays(6))).isEmpty());
            assertEquals(T0.plus(Duration.ofDays(7)), inv.nextDue(POLICY));
            InvitationReminderDue first = new InvitationReminderDue(ID, ALICE, BOB, 1, T0.plus(Duration.ofDays(7)));
            assertEquals(List.of(first), inv.tick(POLICY, T0.plus(Duration.ofDays(8))));
            Invitation reminded = Invitation.from(given(sent(), first));
            assertTrue(reminded.tick(POLICY, T0.plus(Duration.ofDays(13))).isEmpty());
            InvitationReminderDue second = new InvitationReminderDue(ID, ALICE, BOB, 2, T0.plus(Duration.ofDays(14)));
            assertEquals(List.of(second), reminded.tick(POLICY, T0.plus(Duration.ofDays(14))));
            Invitation twice = Invitation.from(given(sent(), first, second));
            assertTrue(twice.tick(POLICY, T0.plus(Duration.ofDays(100))).isEmpty(), "never a third reminder");
            assertEquals(EXPIRES, twice.nextDue(POLICY));
            assertEquals(List.of(new InvitationExpired(ID, ALICE, BOB, EXPIRES)), twice.tick(POLICY, EXPIRES));
        }

        @Test
        void a_late_sweep_emits_both_reminders_once() {
            assertEquals(2, Invitation.from(given(sent())).tick(POLICY, T0.plus(Duration.ofDays(20))).size());
        }

        @Test
        void no_reminder_for_an_ignored_invitation_but_it_still_expires() {
            Invitation ignored = Invitation.from(given(sent(), new InvitationIgnored(ID, ALICE, BOB, T1)));
            assertTrue(ignored.tick(POLICY, T0.plus(Duration.ofDays(20))).isEmpty());
            assertEquals(1, ignored.tick(POLICY, EXPIRES).size());
        }

        @Test
        void nothing_happens_to_an_answered_invitation() {
            Invitation accepted = Invitation.from(given(sent(), new InvitationAccepted(ID, ALICE, BOB, T1, false)));
            assertTrue(accepted.tick(POLICY, EXPIRES.plusSeconds(1)).isEmpty());
            assertNull(accepted.nextDue(POLICY));
        }
    }

    @Nested
    class ClosingAnAccount {
        @Test
        void an_open_invitation_is_withdrawn_when_its_sender_or_recipient_closes_their_account() {
            assertEquals(List.of(new InvitationWithdrawn(ID, ALICE, BOB, T1)), Invitation.from(given(sent())).closeAccount(BOB, T1));
            assertEquals(List.of(new InvitationWithdrawn(ID, ALICE, BOB, T1)), Invitation.from(given(sent())).closeAccount(ALICE, T1));
            assertEquals(List.of(new InvitationWithdrawn(ID, ALICE, BOB, T1)),
                    Invitation.from(given(sent(), new InvitationIgnored(ID, ALICE, BOB, T0))).closeAccount(BOB, T1));
            assertEquals(List.of(new InvitationWithdrawn(ID, ALICE, BOB, T1)),
                    Invitation.from(given(sent(), new InvitationDeclinedAsUnknown(ID, ALICE, BOB, T0))).closeAccount(ALICE, T1));
        }

        @Test
        void an_answered_or_closed_invitation_and_a_second_closure_change_nothing() {
            assertTrue(Invitation.from(given(sent(), new InvitationAccepted(ID, ALICE, BOB, T0, false))).closeAccount(BOB, T1).isEmpty());
            assertTrue(Invitation.from(given(sent(), new InvitationWithdrawn(ID, ALICE, BOB, T1))).closeAccount(BOB, T1).isEmpty());
            assertTrue(Invitation.from(given(sent(), new InvitationExpired(ID, ALICE, BOB, T1))).closeAccount(ALICE, T1).isEmpty());
            assertTrue(Invitation.from(given(sent())).closeAccount(CAROL, T1).isEmpty());
        }
    }
}
