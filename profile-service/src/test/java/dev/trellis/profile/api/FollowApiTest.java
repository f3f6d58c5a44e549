package dev.trellis.profile.api;

import dev.trellis.events.connection.ConnectionMade;
import dev.trellis.events.connection.MemberPair;
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

        fan.as().get("/members/" + star.id() + "/followers").then().statusCode(200).body("total", equalTo(2))
                .body("items.memberId", contains(other.id().toString(), fan.id().toString()));
        fan.as().get("/members/" + star.id() + "/followers?size=1&page=1").then().statusCode(200)
                .body("items.memberId", contains(fan.id().toString())).body("total", equalTo(2));
        star.as().get("/members/" + fan.id() + "/following").then().statusCode(200)
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
}
