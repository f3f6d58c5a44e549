package dev.trellis.connection.domain;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.connection.ConnectionMade;
import dev.trellis.events.connection.MemberPair;
import dev.trellis.events.invitation.InvitationAccepted;

import java.util.List;
import java.util.UUID;

/** How the graph reacts to invitations (stream "connection-<pair>", one per member pair). */
public final class ConnectionRules {

    public static String streamId(UUID a, UUID b) {
        return "connection-" + MemberPair.key(a, b);
    }

    /**
     * An accepted invitation connects the two members, once: if they are already connected (a mutual
     * invitation, a redelivery under another id) nothing happens. A member is never connected to themself.
     */
    public static List<TrellisEvent> onInvitationAccepted(InvitationAccepted accepted, boolean alreadyConnected) {
        if (alreadyConnected || accepted.fromMemberId().equals(accepted.toMemberId())) {
            return List.of();
        }
        UUID a = accepted.fromMemberId();
        UUID b = accepted.toMemberId();
        UUID first = a.compareTo(b) <= 0 ? a : b;
        UUID second = first.equals(a) ? b : a;
        return List.of(new ConnectionMade(first, second, accepted.invitationId(), accepted.acceptedAt()));
    }

    /** The degree label a member sees: 1st, 2nd, 3rd or out of network. */
    public static String label(Integer degree) {
        if (degree == null) {
            return "out-of-network";
        }
        return switch (degree) {
            case 0 -> "you";
            case 1 -> "1st";
            case 2 -> "2nd";
            case 3 -> "3rd";
            default -> "out-of-network";
        };
    }

    private ConnectionRules() {
    }
}
