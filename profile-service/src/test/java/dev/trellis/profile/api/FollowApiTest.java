package dev.trellis.profile.api;

import dev.trellis.events.connection.ConnectionMade;
import dev.trellis.events.connection.MemberBlocked;
import dev.trellis.events.connection.MemberPair;
import dev.trellis.events.connection.MemberUnblocked;
import dev.trellis.events.profile.MemberFollowed;
import dev.trellis.events.profile.MemberUnfollowed;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Follow without connecting; lists and counts; connecting makes both follow each other. */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_profile_test"))
class FollowApiTest {

    @Test
    void follow_and_unfollow_without_connecting() {
        Api.M fan = Api.signUp("Fay", "Ng");
        Api.M other = Api.signUp("Oli", "Park");
        Api.M star = Api.signUp("Stella", "Ray");
        fan.as().put("/follows/" + star.id()).then().statusCode(200).body("following", equalTo(true))
                .body("followerCount", equalTo(1));
        fan.as().put("/follows/" + star.id()).then().statusCode(200).body("followerCount", equalTo(1));
        other.as().put("/follows/" + star.id()).then().statusCode(200).body("followerCount", equalTo(2));

        star.as().get("/members/" + star.id() + "/followers").then().statusCode(200).body("total", equalTo(2))
                .body("items.memberId", contains(other.id().toString(), fan.id().toString()));
        star.as().get("/members/" + star.id() + "/followers?size=1&page=1").then().statusCode(200)
                .body("items.memberId", contains(fan.id().toString())).body("total", equalTo(2));
        fan.as().get("/members/" + fan.id() + "/following").then().statusCode(200)
                .body("items.memberId", contains(star.id().toString())).body("total", equalTo(1));
        fan.as().get("/profiles/" + star.id()).then().body("following", equalTo(true)).body("followerCount", equalTo(2))
                .body("degree", equalTo(3));

        String pair = MemberPair.key(fan.id(), star.id());
        assertEquals(1, Api.published("MemberFollowed", r -> pair.equals(r.key()), 1).size(), "following twice is one event");
        fan.as().delete("/follows/" + star.id()).then().statusCode(200).body("following", equalTo(false))
                .body("followerCount", equalTo(1));
        fan.as().delete("/follows/" + star.id()).then().statusCode(200);
        MemberUnfollowed u = KafkaProbe.payload(Api.published("MemberUnfollowed", r -> pair.equals(r.key()), 1).get(0),
                MemberUnfollowed.class);
        assertEquals(fan.id(), u.followerId());

        fan.as().put("/follows/" + fan.id()).then().statusCode(422).body("reason", equalTo("cannot-follow-yourself"));
        fan.as().put("/follows/" + UUID.randomUUID()).then().statusCode(404).body("reason", equalTo("member-not-found"));
        fan.as().get("/members/" + UUID.randomUUID() + "/followers").then().statusCode(404);
        fan.as().get("/members/" + star.id() + "/followers?size=0").then().statusCode(400)
                .body("errors.field", contains("size"));
    }

    @Test
    void followers_and_following_are_the_owners_own_and_so_is_the_following_count() {
        Api.M a = Api.signUp("Priv", "Ate");
        Api.M b = Api.signUp("Con", "Nected");
        Api.M stranger = Api.signUp("Stran", "Ger");
        Api.connect(a, b);   // connecting makes both follow each other: the lists would show the connection
        await().atMost(Duration.ofSeconds(30)).until(() -> Api.count("SELECT count(*) FROM follow WHERE follower_id = '"
                + a.id() + "' AND followee_id = '" + b.id() + "'") == 1);
        a.as().get("/members/" + a.id() + "/followers").then().statusCode(200)
                .body("items.memberId", contains(b.id().toString()));
        a.as().get("/members/" + a.id() + "/following").then().statusCode(200)
                .body("items.memberId", contains(b.id().toString()));
        for (String list : new String[]{"followers", "following"}) {
            for (Api.M other : new Api.M[]{stranger, b}) {
                other.as().get("/members/" + a.id() + "/" + list).then().statusCode(403)
                        .contentType("application/problem+json").body("reason", equalTo("not-yourself"))
                        .body("items", org.hamcrest.Matchers.nullValue());
            }
            stranger.as().get("/members/" + UUID.randomUUID() + "/" + list).then().statusCode(404)
                    .body("reason", equalTo("member-not-found"));
        }
        // the follower count stays public (as on LinkedIn); how many a member follows is theirs
        stranger.as().get("/profiles/" + a.id()).then().statusCode(200).body("followerCount", equalTo(1))
                .body("followingCount", org.hamcrest.Matchers.nullValue());
        stranger.as().put("/follows/" + a.id()).then().statusCode(200).body("followerCount", equalTo(2))
                .body("followingCount", org.hamcrest.Matchers.nullValue());
        stranger.as().delete("/follows/" + a.id()).then().statusCode(200)
                .body("followingCount", org.hamcrest.Matchers.nullValue());
        a.as().get("/profiles/" + a.id()).then().statusCode(200).body("followingCount", equalTo(1));
        a.as().get("/profiles/me").then().statusCode(200).body("followingCount", equalTo(1));
    }

    @Test
    void unfollowing_an_unknown_member_is_a_404() {
        Api.M m = Api.signUp("Un", "Known");
        m.as().delete("/follows/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json")
                .body("reason", equalTo("member-not-found"));
        m.as().put("/follows/" + UUID.randomUUID()).then().statusCode(404).body("reason", equalTo("member-not-found"));
        m.as().get("/members/" + UUID.randomUUID() + "/network-health").then().statusCode(404)
                .body("reason", equalTo("member-not-found"));
    }

    @Test
    void connecting_makes_both_follow_each_other_once_and_unfollowing_keeps_the_connection() {
        Api.M a = Api.signUp("Ann", "Lee");
        Api.M b = Api.signUp("Bo", "Diaz");
        b.as().put("/follows/" + a.id()).then().statusCode(200);   // b already follows a
        UUID x = a.id().compareTo(b.id()) <= 0 ? a.id() : b.id();
        UUID y = x.equals(a.id()) ? b.id() : a.id();
        ConnectionMade made = new ConnectionMade(x, y, UUID.randomUUID(), Instant.now());
        UUID eventId = UUID.randomUUID();
        KafkaProbe.publish(eventId, made);
        KafkaProbe.publish(eventId, made);   // redelivered
        await().atMost(Duration.ofSeconds(30)).until(() -> Api.count(
                "SELECT count(*) FROM follow WHERE follower_id = '" + a.id() + "' AND followee_id = '" + b.id() + "'") == 1);
        a.as().get("/profiles/" + b.id()).then().body("following", equalTo(true)).body("degree", equalTo(1));
        b.as().get("/profiles/" + a.id()).then().body("following", equalTo(true));

        String pair = MemberPair.key(a.id(), b.id());
        var followed = Api.published("MemberFollowed", r -> pair.equals(r.key()), 2);
        assertEquals(2, followed.size(), "b's own follow, then a's default follow; none again for b or the redelivery");
        assertEquals(a.id(), KafkaProbe.payload(followed.get(1), MemberFollowed.class).followerId());

        a.as().delete("/follows/" + b.id()).then().statusCode(200).body("following", equalTo(false));
        a.as().get("/profiles/" + b.id()).then().body("following", equalTo(false)).body("degree", equalTo(1));
    }

    @Test
    void a_repeated_connection_made_under_another_event_id_does_not_undo_an_unfollow() {
        Api.M a = Api.signUp("Abe", "Lind");
        Api.M b = Api.signUp("Bea", "Holm");
        Api.connect(a, b);
        String pair = MemberPair.key(a.id(), b.id());
        Api.published("MemberFollowed", r -> pair.equals(r.key()), 2);
        a.as().delete("/follows/" + b.id()).then().statusCode(200).body("following", equalTo(false));

        // the same connection announced again with a new event id (e.g. a republish): the inbox cannot drop it
        UUID x = a.id().compareTo(b.id()) <= 0 ? a.id() : b.id();
        UUID y = x.equals(a.id()) ? b.id() : a.id();
        ConnectionMade made = KafkaProbe.payload(KafkaProbe.find(dev.trellis.events.Topics.CONNECTION,
                "trellis.connection.ConnectionMade.v1", r -> pair.equals(r.key())).get(0), ConnectionMade.class);
        KafkaProbe.publish(UUID.randomUUID(), made);
        // a marker behind it on the same partition (same pair key) tells when the repeat has been applied
        UUID marker = KafkaProbe.publish(new MemberUnblocked(x, y, Instant.now()));
        awaitApplied(marker);
        a.as().get("/profiles/" + b.id()).then().body("following", equalTo(false)).body("degree", equalTo(1));
        assertEquals(2, KafkaProbe.find(dev.trellis.events.Topics.PROFILE, "trellis.profile.MemberFollowed.v1",
                r -> pair.equals(r.key())).size(), "no default follow again");
    }

    @Test
    void a_block_ends_the_follows_both_ways_and_keeps_the_blocked_member_from_following_until_lifted() {
        Api.M blocker = Api.signUp("Bianca", "Block");
        Api.M blocked = Api.signUp("Dario", "Blocked");
        Api.M bystander = Api.signUp("Carla", "Bystander");
        blocked.as().put("/follows/" + blocker.id()).then().statusCode(200);
        blocker.as().put("/follows/" + blocked.id()).then().statusCode(200);
        bystander.as().put("/follows/" + blocker.id()).then().statusCode(200);
        String pair = MemberPair.key(blocker.id(), blocked.id());
        blocked.as().get("/search/members?q=bianca block&size=100").then().statusCode(200)
                .body("items.memberId", hasItem(blocker.id().toString()));
        String addressBook = "email\n" + blocked.email() + "\n";
        blocker.as().contentType("text/csv").body(addressBook).post("/contacts/imports").then().statusCode(200)
                .body("members.member.memberId", contains(blocked.id().toString()));

        UUID eventId = UUID.randomUUID();
        MemberBlocked block = new MemberBlocked(blocker.id(), blocked.id(), Instant.now());
        KafkaProbe.publish(eventId, block);
        KafkaProbe.publish(eventId, block);   // redelivered
        var unfollowed = Api.published("MemberUnfollowed", r -> pair.equals(r.key()), 2);
        assertEquals(java.util.Set.of(blocker.id() + ">" + blocked.id(), blocked.id() + ">" + blocker.id()),
                unfollowed.stream().map(r -> KafkaProbe.payload(r, MemberUnfollowed.class))
                        .map(u -> u.followerId() + ">" + u.followeeId()).collect(java.util.stream.Collectors.toSet()));

        // what the members see: nobody follows across the block, the bystander still follows
        blocker.as().get("/members/" + blocker.id() + "/followers").then().statusCode(200)
                .body("items.memberId", contains(bystander.id().toString())).body("total", equalTo(1));
        blocker.as().get("/members/" + blocker.id() + "/following").then().body("total", equalTo(0));
        blocked.as().get("/members/" + blocked.id() + "/following").then().body("total", equalTo(0));
        // the blocked member gets the neutral refusal, which names no block; the blocker is told of their own block
        String refusal = blocked.as().put("/follows/" + blocker.id()).then().statusCode(403)
                .contentType("application/problem+json").body("reason", equalTo("not-possible"))
                .body("detail", equalTo("this is not possible with this member")).extract().asString();
        org.junit.jupiter.api.Assertions.assertFalse(refusal.toLowerCase().contains("block"), refusal);
        blocker.as().put("/follows/" + blocked.id()).then().statusCode(403).body("reason", equalTo("member-blocked"));
        blocker.as().get("/members/" + blocker.id() + "/followers").then().body("total", equalTo(1));
        // nor do they find each other by search or in an address book
        blocked.as().get("/search/members?q=bianca block&size=100").then().statusCode(200)
                .body("items.memberId", not(hasItem(blocker.id().toString())));
        blocker.as().get("/search/members?q=dario blocked&size=100").then().statusCode(200)
                .body("items.memberId", not(hasItem(blocked.id().toString())));
        blocker.as().contentType("text/csv").body(addressBook).post("/contacts/imports").then().statusCode(200)
                .body("members.size()", equalTo(0)).body("nonMembers.size()", equalTo(1));

        // the same block announced again under a new id, and a block the other way: no more events
        KafkaProbe.publish(block);
        KafkaProbe.publish(new MemberBlocked(blocked.id(), blocker.id(), Instant.now()));
        awaitApplied(KafkaProbe.publish(new MemberUnblocked(blocked.id(), blocker.id(), Instant.now())));
        assertEquals(1, Api.count("SELECT count(*) FROM member_block WHERE blocker_id = '" + blocker.id() + "'"));
        assertEquals(0, Api.count("SELECT count(*) FROM member_block WHERE blocker_id = '" + blocked.id() + "'"));
        assertEquals(2, KafkaProbe.find(dev.trellis.events.Topics.PROFILE, "trellis.profile.MemberUnfollowed.v1",
                r -> pair.equals(r.key())).size());
        // the first block still stands
        blocked.as().put("/follows/" + blocker.id()).then().statusCode(403).body("reason", equalTo("not-possible"));

        // lifted: following is possible again, but nothing came back by itself
        awaitApplied(KafkaProbe.publish(new MemberUnblocked(blocker.id(), blocked.id(), Instant.now())));
        blocked.as().get("/profiles/" + blocker.id()).then().body("following", equalTo(false));
        blocked.as().put("/follows/" + blocker.id()).then().statusCode(200).body("following", equalTo(true))
                .body("followerCount", equalTo(2));
        blocked.as().get("/search/members?q=bianca block&size=100").then().statusCode(200)
                .body("items.memberId", hasItem(blocker.id().toString()));
    }

    /** Waits until profile-service's connection-events consumer has applied the event (events of a pair are ordered). */
    static void awaitApplied(UUID eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> Api.count("SELECT count(*) FROM processed_event WHERE "
                + "consumer = 'profile-connections' AND event_id = '" + eventId + "'") == 1);
    }
}
