package dev.trellis.connection.domain;

import dev.trellis.events.connection.ConnectionMade;
import dev.trellis.events.invitation.InvitationAccepted;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionRulesTest {
    static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    static final UUID INV = UUID.randomUUID();
    static final Instant T = Instant.parse("2026-11-01T10:00:00Z");

    @Test
    void an_accepted_invitation_connects_the_pair_in_canonical_order() {
        assertEquals(List.of(new ConnectionMade(A, B, INV, T)),
                ConnectionRules.onInvitationAccepted(new InvitationAccepted(INV, B, A, T, false), false));
        assertEquals(List.of(new ConnectionMade(A, B, INV, T)),
                ConnectionRules.onInvitationAccepted(new InvitationAccepted(INV, A, B, T, false), false));
    }

    @Test
    void an_already_connected_pair_is_not_connected_twice() {
        assertTrue(ConnectionRules.onInvitationAccepted(new InvitationAccepted(INV, A, B, T, false), true).isEmpty());
    }

    @Test
    void nobody_is_connected_to_themself() {
        assertTrue(ConnectionRules.onInvitationAccepted(new InvitationAccepted(INV, A, A, T, false), false).isEmpty());
    }

    @Test
    void degree_labels() {
        assertEquals("1st", ConnectionRules.label(1));
        assertEquals("2nd", ConnectionRules.label(2));
        assertEquals("3rd", ConnectionRules.label(3));
        assertEquals("out-of-network", ConnectionRules.label(null));
    }

    @Test
    void the_pair_stream_is_the_same_both_ways() {
        assertEquals(ConnectionRules.streamId(A, B), ConnectionRules.streamId(B, A));
    }
}
