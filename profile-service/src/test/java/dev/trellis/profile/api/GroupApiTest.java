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
    void refusals() {
        Api.M m = Api.signUp("Rae", "Bell");
        m.as().contentType(ContentType.JSON).body("{\"name\":\"  \"}").post("/groups").then().statusCode(400)
                .body("errors.field", hasItem("name"));
        m.as().contentType(ContentType.JSON).body("{}").post("/groups").then().statusCode(400);
        m.as().post("/groups/" + UUID.randomUUID() + "/members").then().statusCode(404).body("reason", equalTo("group-not-found"));
        m.as().get("/groups/" + UUID.randomUUID()).then().statusCode(404);
        m.as().get("/groups?page=-1").then().statusCode(400).body("errors.field", hasItem("page"));
    }
}
