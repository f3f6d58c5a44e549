package dev.trellis.connection.api;

import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TestTokens;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/** Tags, VIP pins and PYMK dismissals over HTTP. */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_connection_test"))
class OrganisationApiTest {

    static UUID member(String first, String last) {
        UUID id = UUID.randomUUID();
        KafkaProbe.publish(new ProfileCreated(id, first, last, null, Instant.now()));
        return id;
    }

    static RequestSpecification as(UUID m) {
        return given().header("Authorization", TestTokens.bearer(m)).contentType(ContentType.JSON);
    }

    static void connect(UUID a, UUID b) {
        KafkaProbe.publish(new InvitationAccepted(UUID.randomUUID(), a, b, Instant.now(), false));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(a).get("/members/" + a + "/degree/" + b)
                .then().body("degree", equalTo(1)));
    }

    @Test
    void tags_filter_my_list_and_stay_private() {
        UUID me = member("Mia", "Tagger");
        UUID ann = member("Ann", "Alpha");
        UUID ben = member("Ben", "Beta");
        UUID stranger = member("Sam", "Stranger");
        connect(me, ann);
        connect(me, ben);
        as(me).body("{\"tag\":\" Mentors \"}").post("/connections/" + ann + "/tags").then().statusCode(200)
                .body("tags", contains("mentors"));
        as(me).body("{\"tag\":\"acme\"}").post("/connections/" + ann + "/tags").then().statusCode(200);
        as(me).body("{\"tag\":\"acme\"}").post("/connections/" + ben + "/tags").then().statusCode(200);
        as(me).body("{\"tag\":\"x\"}").post("/connections/" + stranger + "/tags").then().statusCode(404)
                .body("reason", equalTo("not-connected"));
        as(me).body("{\"tag\":\"<script>\"}").post("/connections/" + ann + "/tags").then().statusCode(422)
                .body("reason", equalTo("invalid-tag"));
        as(me).get("/tags").then().body("tag", contains("acme", "mentors")).body("connections", contains(2, 1));
        as(me).get("/members/" + me + "/connections?tag=mentors").then().body("total", equalTo(1))
                .body("items[0].memberId", equalTo(ann.toString()));
        as(ann).get("/members/" + me + "/connections?tag=mentors").then().statusCode(403);
        as(me).delete("/connections/" + ann + "/tags/mentors").then().statusCode(200).body("tags", contains("acme"));
        as(me).delete("/connections/" + ann + "/tags/mentors").then().statusCode(404);
        // removing the connection takes its tags with it
        as(me).delete("/connections/" + ben).then().statusCode(204);
        as(me).get("/tags").then().body("tag", contains("acme")).body("connections", contains(1));
    }

    @Test
    void vips_come_first_in_my_order_at_most_20() {
        UUID me = member("Vic", "Pinner");
        UUID a = member("Aaron", "A");
        UUID b = member("Beth", "B");
        UUID c = member("Cleo", "C");
        connect(me, a);
        connect(me, b);
        connect(me, c);
        as(me).body("{\"memberIds\":[\"" + c + "\",\"" + a + "\"]}").put("/vips").then().statusCode(200)
                .body("memberIds", contains(c.toString(), a.toString()));
        as(me).get("/members/" + me + "/connections?sort=firstName").then()
                .body("items.firstName", contains("Cleo", "Aaron", "Beth"))
                .body("items.vip", contains(true, true, false));
        as(me).body("{\"memberIds\":[\"" + a + "\",\"" + a + "\"]}").put("/vips").then().statusCode(422)
                .body("reason", equalTo("duplicate-vip"));
        UUID notConnected = member("Nico", "Notconnected");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(me)
                .body("{\"memberIds\":[\"" + notConnected + "\"]}").put("/vips").then().statusCode(422)
                .body("reason", equalTo("vip-not-a-connection")));
        as(me).body("{\"memberIds\":[\"" + UUID.randomUUID() + "\"]}").put("/vips").then().statusCode(404)
                .body("reason", equalTo("member-not-found"));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 21; i++) {
            many.append(i == 0 ? "" : ",").append('"').append(UUID.randomUUID()).append('"');
        }
        as(me).body("{\"memberIds\":[" + many + "]}").put("/vips").then().statusCode(422).body("reason", equalTo("too-many-vips"));
        as(me).get("/vips").then().body("memberIds", contains(c.toString(), a.toString()));
    }

    @Test
    void dismissals_take_a_reason() {
        UUID me = member("Dee", "Dismisser");
        UUID other = member("Oli", "Other");
        as(me).body("{\"memberId\":\"" + other + "\",\"reason\":\"dont-know\"}").post("/pymk/dismissals").then().statusCode(204);
        as(me).body("{\"memberId\":\"" + other + "\",\"reason\":\"because\"}").post("/pymk/dismissals").then().statusCode(422)
                .body("reason", equalTo("invalid-dismiss-reason"));
        as(me).body("{\"memberId\":\"" + me + "\",\"reason\":\"other\"}").post("/pymk/dismissals").then().statusCode(422);
    }
}
