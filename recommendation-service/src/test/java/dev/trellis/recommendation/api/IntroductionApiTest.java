package dev.trellis.recommendation.api;

import dev.trellis.events.recommendation.IntroductionForwarded;
import dev.trellis.events.recommendation.IntroductionRequested;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.trellis.recommendation.api.Fixtures.connect;
import static dev.trellis.recommendation.api.Fixtures.get;
import static dev.trellis.recommendation.api.Fixtures.json;
import static dev.trellis.recommendation.api.Fixtures.member;
import static dev.trellis.recommendation.api.Fixtures.post;
import static dev.trellis.recommendation.api.Fixtures.published;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Introductions through a mutual connection, over HTTP against the real broker and database. */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_recommendation_test"))
class IntroductionApiTest {

    @Test
    void ask_a_mutual_connection_who_forwards_the_note_to_the_2nd_degree_member() {
        UUID ann = member("Ann", "Ask");
        UUID ian = member("Ian", "Intro");
        UUID tom = member("Tom", "Target");
        UUID zed = member("Zed", "Zero");
        connect(ann, ian);
        connect(ian, tom);

        post(ann, "/introductions", json("introducerId", zed, "targetId", tom, "note", "Hi")).then().statusCode(403)
                .body("reason", equalTo("not-a-connection"));
        connect(ann, zed);
        post(ann, "/introductions", json("introducerId", zed, "targetId", tom, "note", "Hi")).then().statusCode(422)
                .body("reason", equalTo("not-a-mutual-connection"));
        post(ann, "/introductions", json("introducerId", ian, "targetId", tom, "note", " ")).then().statusCode(422)
                .body("reason", equalTo("note-required"));
        post(ann, "/introductions", json("introducerId", ian, "targetId", ann, "note", "Hi")).then().statusCode(422)
                .body("reason", equalTo("cannot-introduce-yourself"));
        post(ann, "/introductions", json("introducerId", ian, "targetId", tom)).then().statusCode(422);
        String id = post(ann, "/introductions", json("introducerId", ian, "targetId", tom, "note", "I'd love to hear about Acme's data team"))
                .then().statusCode(201).body("status", equalTo("requested")).body("introducer.firstName", equalTo("Ian"))
                .body("target.firstName", equalTo("Tom")).extract().path("introductionId");
        IntroductionRequested r = KafkaProbe.payload(published("IntroductionRequested", id, x -> true).get(0), IntroductionRequested.class);
        assertEquals(tom, r.targetId());
        post(ann, "/introductions", json("introducerId", ian, "targetId", tom, "note", "again")).then().statusCode(409)
                .body("reason", equalTo("introduction-already-requested"));

        // the target does not see it yet; the introducer has it to decide
        get(tom, "/introductions/" + id).then().statusCode(404);
        get(tom, "/introductions?role=target").then().body("total", equalTo(0));
        get(ian, "/introductions?role=introducer&status=requested").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].requester.firstName", equalTo("Ann")).body("items[0].note", equalTo("I'd love to hear about Acme's data team"));
        get(ian, "/introductions?role=nobody").then().statusCode(400).body("errors[0].field", equalTo("role"));

        // only the introducer decides
        post(ann, "/introductions/" + id + "/forward", null).then().statusCode(403).body("reason", equalTo("not-the-introducer"));
        post(tom, "/introductions/" + id + "/forward", null).then().statusCode(404);
        post(ian, "/introductions/" + id + "/forward", null).then().statusCode(200).body("status", equalTo("forwarded"));
        post(ian, "/introductions/" + id + "/decline", null).then().statusCode(409).body("reason", equalTo("introduction-not-pending"));
        IntroductionForwarded f = KafkaProbe.payload(published("IntroductionForwarded", id, x -> true).get(0), IntroductionForwarded.class);
        assertEquals(ann, f.requesterId());
        assertEquals(ian, f.introducerId());
        assertEquals("I'd love to hear about Acme's data team", f.note());
        get(tom, "/introductions?role=target").then().body("total", equalTo(1)).body("items[0].requester.firstName", equalTo("Ann"))
                .body("items[0].introducer.firstName", equalTo("Ian"));
        get(tom, "/introductions/" + id).then().statusCode(200);

        // connected meanwhile: no introduction needed
        connect(ann, tom);
        post(ann, "/introductions", json("introducerId", ian, "targetId", tom, "note", "Hi")).then().statusCode(409)
                .body("reason", equalTo("already-connected"));
    }

    @Test
    void the_introducer_may_decline() {
        UUID una = member("Una", "Ask");
        UUID vic = member("Vito", "Intro");
        UUID wes = member("Wes", "Target");
        connect(una, vic);
        connect(vic, wes);
        String id = post(una, "/introductions", json("introducerId", vic, "targetId", wes, "note", "Could you introduce me?"))
                .then().statusCode(201).extract().path("introductionId");
        post(vic, "/introductions/" + id + "/decline", null).then().statusCode(200).body("status", equalTo("declined"));
        published("IntroductionDeclined", id, x -> true);
        get(wes, "/introductions/" + id).then().statusCode(404);
        get(una, "/introductions?role=requester").then().body("items[0].status", equalTo("declined"));
        // declined is closed: she may ask again
        post(una, "/introductions", json("introducerId", vic, "targetId", wes, "note", "Second try")).then().statusCode(201);
    }
}
