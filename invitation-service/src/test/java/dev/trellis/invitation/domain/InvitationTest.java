package dev.trellis.invitation.domain;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.invitation.InvitationIgnored;
import dev.trellis.events.invitation.InvitationSent;
import dev.trellis.events.invitation.InvitationWithdrawn;
import dev.trellis.platform.domain.DomainException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Given events / when command / then events or error — no framework. */
class InvitationTest {
    static final UUID ID = UUID.randomUUID();
    static final UUID ALICE = UUID.randomUUID();
    static final UUID BOB = UUID.randomUUID();
    static final UUID CAROL = UUID.randomUUID();
    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    static final Instant T1 = T0.plusSeconds(3600);

    static List<TrellisEvent> given(TrellisEvent... events) {
        return List.of(events);
    }

    static InvitationSent sent() {
        return new InvitationSent(ID, ALICE, BOB, "Hi Bob", T0);
    }

    static void thenRefused(String reason, DomainException.Kind kind, Supplier<List<TrellisEvent>> when) {
        DomainException e = assertThrows(DomainException.class, when::get);
        assertEquals(reason, e.reason());
        assertEquals(kind, e.kind());
    }

    @Test
    void sending_with_a_note_emits_InvitationSent_with_the_trimmed_note() {
        List<TrellisEvent> then = Invitation.send(ID, ALICE, BOB, "  Hi Bob, we met at KubeCon  ", 300, T0);
        assertEquals(List.of(new InvitationSent(ID, ALICE, BOB, "Hi Bob, we met at KubeCon", T0)), then);
    }

    @Test
    void a_blank_note_is_no_note() {
        InvitationSent e = (InvitationSent) Invitation.send(ID, ALICE, BOB, "   ", 300, T0).get(0);
        assertNull(e.note());
    }

    @Test
    void a_note_of_exactly_the_limit_is_accepted_one_more_is_refused() {
        Invitation.send(ID, ALICE, BOB, "x".repeat(300), 300, T0);
        thenRefused("note-too-long", DomainException.Kind.RULE_VIOLATION,
                () -> Invitation.send(ID, ALICE, BOB, "x".repeat(301), 300, T0));
    }

    @Test
    void the_limit_counts_characters_not_utf16_units() {
        String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units
        Invitation.send(ID, ALICE, BOB, emoji.repeat(300), 300, T0);
    }

    @Test
    void inviting_yourself_is_refused() {
        thenRefused("cannot-invite-yourself", DomainException.Kind.RULE_VIOLATION,
                () -> Invitation.send(ID, ALICE, ALICE, null, 300, T0));
    }

    @Test
    void the_recipient_accepts_a_pending_invitation() {
        Invitation inv = Invitation.from(given(sent()));
        assertEquals(List.of(new InvitationAccepted(ID, ALICE, BOB, T1)), inv.accept(BOB, T1));
    }

    @Test
    void only_the_recipient_may_accept() {
        Invitation inv = Invitation.from(given(sent()));
        thenRefused("not-the-recipient", DomainException.Kind.FORBIDDEN, () -> inv.accept(ALICE, T1));
        thenRefused("not-the-recipient", DomainException.Kind.FORBIDDEN, () -> inv.accept(CAROL, T1));
    }

    @Test
    void an_answered_invitation_cannot_be_accepted_again() {
        Invitation accepted = Invitation.from(given(sent(), new InvitationAccepted(ID, ALICE, BOB, T1)));
        thenRefused("invitation-not-pending", DomainException.Kind.CONFLICT, () -> accepted.accept(BOB, T1));
        Invitation withdrawn = Invitation.from(given(sent(), new InvitationWithdrawn(ID, ALICE, BOB, T1)));
        thenRefused("invitation-not-pending", DomainException.Kind.CONFLICT, () -> withdrawn.accept(BOB, T1));
        Invitation ignored = Invitation.from(given(sent(), new InvitationIgnored(ID, ALICE, BOB, T1)));
        thenRefused("invitation-not-pending", DomainException.Kind.CONFLICT, () -> ignored.accept(BOB, T1));
    }

    @Test
    void the_recipient_ignores_and_the_sender_still_sees_pending() {
        Invitation inv = Invitation.from(given(sent()));
        assertEquals(List.of(new InvitationIgnored(ID, ALICE, BOB, T1)), inv.ignore(BOB, T1));
        Invitation ignored = Invitation.from(given(sent(), new InvitationIgnored(ID, ALICE, BOB, T1)));
        assertEquals("pending", ignored.statusSeenBy(ALICE));
        assertEquals("ignored", ignored.statusSeenBy(BOB));
    }

    @Test
    void only_the_sender_may_withdraw_a_pending_invitation() {
        Invitation inv = Invitation.from(given(sent()));
        thenRefused("not-the-sender", DomainException.Kind.FORBIDDEN, () -> inv.withdraw(BOB, T1));
        assertEquals(List.of(new InvitationWithdrawn(ID, ALICE, BOB, T1)), inv.withdraw(ALICE, T1));
    }

    @Test
    void the_sender_may_withdraw_an_invitation_that_was_secretly_ignored() {
        Invitation ignored = Invitation.from(given(sent(), new InvitationIgnored(ID, ALICE, BOB, T1)));
        assertEquals(List.of(new InvitationWithdrawn(ID, ALICE, BOB, T1)), ignored.withdraw(ALICE, T1));
    }

    @Test
    void an_accepted_invitation_cannot_be_withdrawn() {
        Invitation accepted = Invitation.from(given(sent(), new InvitationAccepted(ID, ALICE, BOB, T1)));
        thenRefused("invitation-not-pending", DomainException.Kind.CONFLICT, () -> accepted.withdraw(ALICE, T1));
    }
}
