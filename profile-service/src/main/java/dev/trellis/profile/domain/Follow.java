package dev.trellis.profile.domain;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.profile.MemberFollowed;
import dev.trellis.events.profile.MemberUnfollowed;
import dev.trellis.platform.domain.DomainException;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One member following another (stream "follow-<follower>-<followee>"). Following is one-way and independent of
 * connecting: unfollowing never disconnects. Repeating a follow or an unfollow changes nothing. While a block
 * stands between the two (either blocked the other), neither may follow the other; a block ends a follow.
 */
public final class Follow {
    private final UUID follower;
    private final UUID followee;
    private boolean following;

    private Follow(UUID follower, UUID followee) {
        this.follower = follower;
        this.followee = followee;
    }

    public static String streamId(UUID follower, UUID followee) {
        return "follow-" + follower + "-" + followee;
    }

    public static Follow from(UUID follower, UUID followee, List<? extends TrellisEvent> events) {
        Follow f = new Follow(follower, followee);
        events.forEach(f::apply);
        return f;
    }

    private void apply(TrellisEvent e) {
        if (e instanceof MemberFollowed) {
            following = true;
        } else if (e instanceof MemberUnfollowed) {
            following = false;
        }
    }

    public boolean following() {
        return following;
    }

    /** What stands between the two members: nothing, or a block by one of them. */
    public enum Block {
        NONE,
        /** the follower blocked the followee */
        BY_FOLLOWER,
        /** the followee blocked the follower */
        BY_FOLLOWEE
    }

    /** MemberFollowed, unless already following; 422 for yourself; 404 when the followee does not exist. */
    public List<TrellisEvent> follow(boolean followeeExists, Instant now) {
        return follow(followeeExists, Block.NONE, now);
    }

    /**
     * MemberFollowed, unless already following; 422 for yourself; 404 when the followee does not exist; 403 while
     * a block stands between the two: "not-possible" when the followee blocked the follower (the neutral refusal,
     * which never tells the blocked member of the block), "member-blocked" when the follower blocked the followee
     * (the blocker may be told of their own block: unblock first).
     */
    public List<TrellisEvent> follow(boolean followeeExists, Block block, Instant now) {
        if (follower.equals(followee)) {
            throw DomainException.rule("cannot-follow-yourself", "you cannot follow yourself");
        }
        if (!followeeExists) {
            throw DomainException.notFound("member-not-found", "no member " + followee);
        }
        if (block == Block.BY_FOLLOWEE) {
            throw DomainException.notPossible();
        }
        if (block == Block.BY_FOLLOWER) {
            throw DomainException.forbidden("member-blocked", "you blocked this member: unblock them to follow them");
        }
        if (following) {
            return List.of();
        }
        List<TrellisEvent> events = List.of(new MemberFollowed(follower, followee, now));
        events.forEach(this::apply);
        return events;
    }

    /**
     * MemberUnfollowed, unless not following (then nothing: the member's wish already holds). Also what a block
     * decides for both directions.
     */
    public List<TrellisEvent> unfollow(Instant now) {
        if (!following) {
            return List.of();
        }
        List<TrellisEvent> events = List.of(new MemberUnfollowed(follower, followee, now));
        events.forEach(this::apply);
        return events;
    }
}
