package dev.trellis.connection.domain;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.connection.ConnectionMade;
import dev.trellis.events.connection.ConnectionRemoved;
import dev.trellis.events.connection.MemberBlocked;
import dev.trellis.events.connection.MemberPair;
import dev.trellis.events.connection.MemberUnblocked;
import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.platform.domain.DomainException;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What stands between two members (stream "connection-&lt;pair&gt;", one per unordered pair): whether they are
 * connected, and who blocked whom. Rebuilt from its events; decisions return new events or throw.
 */
public final class PairRelation {
    private boolean connected;
    private final Set<UUID> blockers = new HashSet<>();

    private PairRelation() {
    }

    public static String streamId(UUID a, UUID b) {
        return "connection-" + MemberPair.key(a, b);
    }

    /** The pair's state from its history (an empty history is two strangers). */
    public static PairRelation from(List<TrellisEvent> history) {
        PairRelation p = new PairRelation();
        history.forEach(p::apply);
        return p;
    }

    private void apply(TrellisEvent e) {
        if (e instanceof ConnectionMade) {
            connected = true;
        } else if (e instanceof ConnectionRemoved) {
            connected = false;
        } else if (e instanceof MemberBlocked b) {
            blockers.add(b.blockerId());
        } else if (e instanceof MemberUnblocked u) {
            blockers.remove(u.blockerId());
        }
    }

    /**
     * An accepted invitation connects the pair, once: nothing if they are already connected (a mutual or
     * repeated acceptance), if either blocked the other since, or for a member and themself.
     */
    public List<TrellisEvent> onInvitationAccepted(InvitationAccepted accepted) {
        return onInvitationAccepted(accepted, false);
    }

    /**
     * As {@link #onInvitationAccepted(InvitationAccepted)}; nothing either when one of the two closed their account
     * ({@code eitherClosed}): a closed member can no longer be connected to.
     */
    public List<TrellisEvent> onInvitationAccepted(InvitationAccepted accepted, boolean eitherClosed) {
        UUID a = accepted.fromMemberId();
        UUID b = accepted.toMemberId();
        if (eitherClosed || connected || !blockers.isEmpty() || a.equals(b)) {
            return List.of();
        }
        UUID first = a.compareTo(b) <= 0 ? a : b;
        UUID second = first.equals(a) ? b : a;
        return List.of(new ConnectionMade(first, second, accepted.invitationId(), accepted.acceptedAt()));
    }

    /** Either member removes the connection; the other is not notified. */
    public List<TrellisEvent> remove(UUID actor, UUID other, Instant now) {
        if (actor.equals(other)) {
            throw DomainException.rule("cannot-remove-yourself", "you are not connected to yourself");
        }
        if (!connected) {
            throw DomainException.notFound("not-connected", "you are not connected with this member");
        }
        return List.of(removed(actor, other, now));
    }

    /** Blocking removes any connection and stops invitations and messages both ways. */
    public List<TrellisEvent> block(UUID actor, UUID other, Instant now) {
        if (actor.equals(other)) {
            throw DomainException.rule("cannot-block-yourself", "you cannot block yourself");
        }
        if (blockers.contains(actor)) {
            throw DomainException.conflict("already-blocked", "you already blocked this member");
        }
        return connected ? List.of(removed(actor, other, now), new MemberBlocked(actor, other, now))
                : List.of(new MemberBlocked(actor, other, now));
    }

    /** Lifting your own block (the other's block of you, if any, stays). Does not reconnect. */
    public List<TrellisEvent> unblock(UUID actor, UUID other, Instant now) {
        if (!blockers.contains(actor)) {
            throw DomainException.notFound("not-blocked", "you have not blocked this member");
        }
        return List.of(new MemberUnblocked(actor, other, now));
    }

    /**
     * {@code closed} closed their account: the connection goes (removed by them, as if they had removed it) and every
     * block between the two is lifted (theirs and the other's: neither can meet the other again). Nothing when
     * nothing stands between them, so a second closure changes nothing.
     */
    public List<TrellisEvent> onAccountClosed(UUID closed, UUID other, Instant now) {
        if (closed.equals(other)) {
            return List.of();
        }
        List<TrellisEvent> events = new java.util.ArrayList<>();
        if (connected) {
            events.add(removed(closed, other, now));
        }
        for (UUID blocker : List.of(closed, other)) {
            if (blockers.contains(blocker)) {
                events.add(new MemberUnblocked(blocker, blocker.equals(closed) ? other : closed, now));
            }
        }
        return events;
    }

    private static ConnectionRemoved removed(UUID actor, UUID other, Instant now) {
        UUID first = actor.compareTo(other) <= 0 ? actor : other;
        UUID second = first.equals(actor) ? other : actor;
        return new ConnectionRemoved(first, second, actor, now);
    }

    public boolean connected() {
        return connected;
    }

    public boolean blocked() {
        return !blockers.isEmpty();
    }
}
