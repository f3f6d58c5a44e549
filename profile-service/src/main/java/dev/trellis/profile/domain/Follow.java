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
 * connecting: unfollowing never disconnects. Repeating a follow or an unfollow changes nothing.
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

    /** MemberFollowed, unless already following; 422 for yourself; 404 when the followee does not exist. */
    public List<TrellisEvent> follow(boolean followeeExists, Instant now) {
        if (follower.equals(followee)) {
            throw DomainException.rule("cannot-follow-yourself", "you cannot follow yourself");
        }
        if (!followeeExists) {
            throw DomainException.notFound("member-not-found", "no member " + followee);
        }
        if (following) {
            return List.of();
        }
        List<TrellisEvent> events = List.of(new MemberFollowed(follower, followee, now));
        events.forEach(this::apply);
        return events;
    }

    /** MemberUnfollowed, unless not following (then nothing: the member's wish already holds). */
    public List<TrellisEvent> unfollow(Instant now) {
        if (!following) {
            return List.of();
        }
        List<TrellisEvent> events = List.of(new MemberUnfollowed(follower, followee, now));
        events.forEach(this::apply);
        return events;
    }
}
