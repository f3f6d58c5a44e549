package dev.trellis.connection.domain;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.connection.ConnectionMade;
import dev.trellis.events.connection.ConnectionRemoved;
import dev.trellis.events.connection.MemberBlocked;
import dev.trellis.events.connection.MemberUnblocked;
import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.platform.domain.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Given events / when command / then events or error. */
class PairRelationTest {
    static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    static final UUID INV = UUID.randomUUID();
    static final Instant T = Instant.parse("2026-11-01T10:00:00Z");
    static final ConnectionMade MADE = new ConnectionMade(A, B, INV, T);

    static PairRelation given(TrellisEvent... events) {
        return PairRelation.from(List.of(events));
    }

    static void refused(String reason, DomainException.Kind kind, Executable when) {
        DomainException e = assertThrows(DomainException.class, when);
        assertEquals(reason, e.reason());
        assertEquals(kind, e.kind());
    }

    @Test
    void an_accepted_invitation_connects_strangers_in_canonical_order() {
        assertEquals(List.of(MADE), given().onInvitationAccepted(new InvitationAccepted(INV, B, A, T, false)));
        assertEquals(List.of(MADE), given().onInvitationAccepted(new InvitationAccepted(INV, A, B, T, true)));
    }

    @Test
    void no_second_connection_no_self_connection_and_none_while_blocked() {
        assertTrue(given(MADE).onInvitationAccepted(new InvitationAccepted(INV, A, B, T, false)).isEmpty());
        assertTrue(given().onInvitationAccepted(new InvitationAccepted(INV, A, A, T, false)).isEmpty());
        assertTrue(given(new MemberBlocked(B, A, T)).onInvitationAccepted(new InvitationAccepted(INV, A, B, T, false)).isEmpty());
    }

    @Test
    void either_member_removes_a_connection() {
        assertEquals(List.of(new ConnectionRemoved(A, B, B, T)), given(MADE).remove(B, A, T));
        refused("not-connected", DomainException.Kind.NOT_FOUND, () -> given().remove(A, B, T));
        refused("not-connected", DomainException.Kind.NOT_FOUND, () -> given(MADE, new ConnectionRemoved(A, B, A, T)).remove(A, B, T));
    }

    @Test
    void blocking_a_connection_removes_it_first() {
        assertEquals(List.of(new ConnectionRemoved(A, B, B, T), new MemberBlocked(B, A, T)), given(MADE).block(B, A, T));
        assertEquals(List.of(new MemberBlocked(A, B, T)), given().block(A, B, T));
        refused("already-blocked", DomainException.Kind.CONFLICT, () -> given(new MemberBlocked(A, B, T)).block(A, B, T));
        refused("cannot-block-yourself", DomainException.Kind.RULE_VIOLATION, () -> given().block(A, A, T));
    }

    @Test
    void both_may_block_and_each_lifts_only_their_own_block() {
        PairRelation both = given(new MemberBlocked(A, B, T), new MemberBlocked(B, A, T));
        assertEquals(List.of(new MemberUnblocked(A, B, T)), both.unblock(A, B, T));
        PairRelation onlyB = given(new MemberBlocked(A, B, T), new MemberBlocked(B, A, T), new MemberUnblocked(A, B, T));
        assertTrue(onlyB.blocked());
        refused("not-blocked", DomainException.Kind.NOT_FOUND, () -> onlyB.unblock(A, B, T));
        assertTrue(onlyB.onInvitationAccepted(new InvitationAccepted(INV, A, B, T, false)).isEmpty());
    }

    @Test
    void closing_an_account_removes_the_connection_as_removed_by_the_closed_member() {
        assertEquals(List.of(new ConnectionRemoved(A, B, B, T)), given(MADE).onAccountClosed(B, A, T));
    }

    @Test
    void closing_an_account_lifts_the_blocks_both_ways_and_a_second_closure_changes_nothing() {
        PairRelation both = given(MADE, new ConnectionRemoved(A, B, A, T), new MemberBlocked(A, B, T),
                new MemberBlocked(B, A, T));
        List<TrellisEvent> events = both.onAccountClosed(A, B, T);
        assertEquals(List.of(new MemberUnblocked(A, B, T), new MemberUnblocked(B, A, T)), events);
        List<TrellisEvent> history = new java.util.ArrayList<>(List.of(MADE, new ConnectionRemoved(A, B, A, T),
                new MemberBlocked(A, B, T), new MemberBlocked(B, A, T)));
        history.addAll(events);
        assertTrue(PairRelation.from(history).onAccountClosed(A, B, T).isEmpty());
        assertTrue(given().onAccountClosed(A, B, T).isEmpty());
    }

    @Test
    void a_closed_member_can_no_longer_be_connected() {
        assertTrue(given().onInvitationAccepted(new InvitationAccepted(INV, A, B, T, false), true).isEmpty());
        assertEquals(List.of(MADE), given().onInvitationAccepted(new InvitationAccepted(INV, A, B, T, false), false));
    }
}
