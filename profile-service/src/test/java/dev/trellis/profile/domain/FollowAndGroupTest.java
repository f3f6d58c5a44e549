package dev.trellis.profile.domain;

import dev.trellis.events.profile.GroupCreated;
import dev.trellis.events.profile.GroupJoined;
import dev.trellis.events.profile.GroupLeft;
import dev.trellis.events.profile.MemberFollowed;
import dev.trellis.events.profile.MemberUnfollowed;
import dev.trellis.platform.domain.DomainException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FollowAndGroupTest {
    static final UUID A = UUID.randomUUID();
    static final UUID B = UUID.randomUUID();
    static final UUID G = UUID.randomUUID();
    static final Instant T = Instant.parse("2026-11-01T10:00:00Z");

    @Test
    void following_is_idempotent_and_unfollowing_a_non_followed_member_changes_nothing() {
        assertEquals(List.of(new MemberFollowed(A, B, T)), Follow.from(A, B, List.of()).follow(true, T));
        assertEquals(List.of(), Follow.from(A, B, List.of(new MemberFollowed(A, B, T))).follow(true, T));
        assertEquals(List.of(new MemberUnfollowed(A, B, T)),
                Follow.from(A, B, List.of(new MemberFollowed(A, B, T))).unfollow(T));
        assertEquals(List.of(), Follow.from(A, B, List.of(new MemberFollowed(A, B, T), new MemberUnfollowed(A, B, T))).unfollow(T));
        assertEquals(List.of(new MemberFollowed(A, B, T)),
                Follow.from(A, B, List.of(new MemberFollowed(A, B, T), new MemberUnfollowed(A, B, T))).follow(true, T));
    }

    @Test
    void nobody_follows_themself_or_a_stranger_who_does_not_exist() {
        assertEquals("cannot-follow-yourself",
                assertThrows(DomainException.class, () -> Follow.from(A, A, List.of()).follow(true, T)).reason());
        assertEquals("member-not-found",
                assertThrows(DomainException.class, () -> Follow.from(A, B, List.of()).follow(false, T)).reason());
    }

    @Test
    void while_a_block_stands_neither_may_follow_the_other() {
        DomainException byFollowee = assertThrows(DomainException.class,
                () -> Follow.from(A, B, List.of()).follow(true, Follow.Block.BY_FOLLOWEE, T));
        // the blocked member is refused with the neutral answer: nothing in it names the block
        assertEquals(DomainException.NOT_POSSIBLE, byFollowee.reason());
        assertEquals(DomainException.Kind.FORBIDDEN, byFollowee.kind());
        assertEquals(DomainException.notPossible().getMessage(), byFollowee.getMessage());
        assertEquals("member-blocked", assertThrows(DomainException.class,
                () -> Follow.from(A, B, List.of()).follow(true, Follow.Block.BY_FOLLOWER, T)).reason());
        // refused even if a follow from before the block were still on the stream
        assertThrows(DomainException.class, () -> Follow.from(A, B, List.of(new MemberFollowed(A, B, T)))
                .follow(true, Follow.Block.BY_FOLLOWEE, T));
        assertEquals(List.of(new MemberFollowed(A, B, T)), Follow.from(A, B, List.of()).follow(true, Follow.Block.NONE, T));
    }

    @Test
    void a_block_ends_a_follow_once() {
        Follow f = Follow.from(A, B, List.of(new MemberFollowed(A, B, T)));
        assertEquals(List.of(new MemberUnfollowed(A, B, T)), f.unfollow(T));
        assertEquals(List.of(), f.unfollow(T), "a redelivered block unfollows nothing more");
    }

    @Test
    void a_new_group_has_its_owner_as_first_member() {
        assertEquals(List.of(new GroupCreated(G, "Leeds alumni", null, A, T), new GroupJoined(G, A, T)),
                Group.create(G, A, " Leeds alumni ", " ", T));
        assertEquals("name", assertThrows(DomainException.class, () -> Group.create(G, A, " ", null, T)).field());
        assertEquals("name", assertThrows(DomainException.class, () -> Group.create(G, A, "x".repeat(101), null, T)).field());
    }

    @Test
    void join_and_leave_are_idempotent_and_the_owner_stays() {
        List<dev.trellis.events.TrellisEvent> created = List.of(new GroupCreated(G, "G", null, A, T), new GroupJoined(G, A, T));
        Group g = Group.from(created);
        assertEquals(List.of(new GroupJoined(G, B, T)), g.join(B, T));
        assertEquals(List.of(), g.join(B, T));
        assertEquals(List.of(new GroupLeft(G, B, T)), g.leave(B, T));
        assertEquals(List.of(), g.leave(B, T));
        assertEquals("owner-cannot-leave", assertThrows(DomainException.class, () -> g.leave(A, T)).reason());
    }
}
