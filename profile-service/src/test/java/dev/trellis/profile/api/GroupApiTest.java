package dev.trellis.profile.api;

import dev.trellis.events.profile.GroupCreated;
import dev.trellis.events.profile.GroupLeft;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Create, join, leave groups; members paged; GroupCreated / GroupJoined / GroupLeft published. */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_profile_test"))
class GroupApiTest {

    @Test
    void create_join_list_and_leave() {
        Api.M owner = Api.signUp("Gail", "Ford");
        Api.M joiner = Api.signUp("Jon", "Amis");
        Api.M third = Api.signUp("Tia", "Moss");
        String name = "Leeds alumni " + UUID.randomUUID();
        String groupId = owner.as().contentType(ContentType.JSON)
                .body("{\"name\":\" " + name + " \",\"description\":\"Graduates of Leeds\"}").post("/groups")
                .then().statusCode(201).body("name", equalTo(name)).body("memberCount", equalTo(1))
                .body("member", equalTo(true)).extract().path("groupId");

        joiner.as().post("/groups/" + groupId + "/members").then().statusCode(200).body("memberCount", equalTo(2))
                .body("member", equalTo(true));
        joiner.as().post("/groups/" + groupId + "/members").then().statusCode(200).body("memberCount", equalTo(2));
        third.as().post("/groups/" + groupId + "/members").then().statusCode(200).body("memberCount", equalTo(3));

        third.as().get("/groups/" + groupId + "/members?size=2").then().statusCode(200).body("total", equalTo(3))
                .body("items.memberId", contains(owner.id().toString(), joiner.id().toString()));
        third.as().get("/groups/" + groupId + "/members?size=2&page=1").then().statusCode(200)
                .body("items.memberId", contains(third.id().toString()));
        joiner.as().get("/members/me/groups").then().statusCode(200).body("items.groupId", hasItem(groupId));
        joiner.as().get("/groups?q=" + name.substring(0, 20).toUpperCase()).then().statusCode(200)
                .body("items.groupId", hasItem(groupId));

        joiner.as().delete("/groups/" + groupId + "/members/me").then().statusCode(200).body("memberCount", equalTo(2))
                .body("member", equalTo(false));
        joiner.as().delete("/groups/" + groupId + "/members/me").then().statusCode(200).body("memberCount", equalTo(2));
        owner.as().delete("/groups/" + groupId + "/members/me").then().statusCode(422)
                .body("reason", equalTo("owner-cannot-leave"));
        joiner.as().get("/members/me/groups").then().statusCode(200).body("total", equalTo(0));

        assertEquals(owner.id(), KafkaProbe.payload(Api.published("GroupCreated", r -> groupId.equals(r.key()), 1).get(0),
                GroupCreated.class).ownerId());
        assertEquals(3, Api.published("GroupJoined", r -> groupId.equals(r.key()), 3).size());
        assertEquals(joiner.id(), KafkaProbe.payload(Api.published("GroupLeft", r -> groupId.equals(r.key()), 1).get(0),
                GroupLeft.class).memberId());
    }

    @Test
    void members_a_block_stands_between_do_not_see_each_other_in_a_group_nor_in_its_counts() {
        Api.M owner = Api.signUp("Olga", "Owner");
        Api.M blocked = Api.signUp("Boris", "Blocked");
        Api.M bystander = Api.signUp("Bella", "Bystander");
        String groupId = owner.as().contentType(ContentType.JSON).body("{\"name\":\"Blockers " + UUID.randomUUID() + "\"}")
                .post("/groups").then().statusCode(201).body("owner", equalTo(true))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("ownerId"))).extract().path("groupId");
        blocked.as().post("/groups/" + groupId + "/members").then().statusCode(200).body("owner", equalTo(false));
        bystander.as().post("/groups/" + groupId + "/members").then().statusCode(200).body("memberCount", equalTo(3));

        FollowApiTest.awaitApplied(dev.trellis.testing.KafkaProbe.publish(
                new dev.trellis.events.connection.MemberBlocked(owner.id(), blocked.id(), java.time.Instant.now())));

        // neither sees the other, and no count says that someone is hidden
        blocked.as().get("/groups/" + groupId + "/members").then().statusCode(200)
                .body("items.memberId", contains(blocked.id().toString(), bystander.id().toString()))
                .body("total", equalTo(2));
        owner.as().get("/groups/" + groupId + "/members").then().statusCode(200)
                .body("items.memberId", contains(owner.id().toString(), bystander.id().toString()))
                .body("total", equalTo(2));
        blocked.as().get("/groups/" + groupId).then().statusCode(200).body("memberCount", equalTo(2))
                .body("owner", equalTo(false));
        blocked.as().get("/members/me/groups").then().statusCode(200).body("items[0].memberCount", equalTo(2));
        // a bystander sees everybody
        bystander.as().get("/groups/" + groupId + "/members").then().statusCode(200).body("total", equalTo(3))
                .body("items.memberId", contains(owner.id().toString(), blocked.id().toString(), bystander.id().toString()));
        bystander.as().get("/groups/" + groupId).then().body("memberCount", equalTo(3));

        // lifted: they see each other again
        FollowApiTest.awaitApplied(dev.trellis.testing.KafkaProbe.publish(
                new dev.trellis.events.connection.MemberUnblocked(owner.id(), blocked.id(), java.time.Instant.now())));
        blocked.as().get("/groups/" + groupId + "/members").then().body("total", equalTo(3));
    }

    @Test
    void refusals() {
        Api.M m = Api.signUp("Rae", "Bell");
        m.as().contentType(ContentType.JSON).body("{\"name\":\"  \"}").post("/groups").then().statusCode(400)
                .body("errors.field", hasItem("name"));
        m.as().contentType(ContentType.JSON).body("{}").post("/groups").then().statusCode(400);
        m.as().post("/groups/" + UUID.randomUUID() + "/members").then().statusCode(404).body("reason", equalTo("group-not-found"));
        m.as().get("/groups/" + UUID.randomUUID()).then().statusCode(404);
        m.as().delete("/groups/" + UUID.randomUUID() + "/members/me").then().statusCode(404).body("reason", equalTo("group-not-found"));
        m.as().get("/groups/" + UUID.randomUUID() + "/members").then().statusCode(404).body("reason", equalTo("group-not-found"));
        m.as().get("/groups?page=-1").then().statusCode(400).body("errors.field", hasItem("page"));
    }
}
