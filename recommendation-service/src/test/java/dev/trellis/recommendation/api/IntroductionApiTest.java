package dev.trellis.recommendation.api;

import dev.trellis.events.Topics;
import dev.trellis.events.connection.ConnectionRemoved;
import dev.trellis.events.connection.MemberBlocked;
import dev.trellis.events.connection.MemberUnblocked;
import dev.trellis.events.recommendation.IntroductionDeclined;
import dev.trellis.events.recommendation.IntroductionForwarded;
import dev.trellis.events.recommendation.IntroductionRequested;
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

import static dev.trellis.recommendation.api.Fixtures.connect;
import static dev.trellis.recommendation.api.Fixtures.get;
import static dev.trellis.recommendation.api.Fixtures.json;
import static dev.trellis.recommendation.api.Fixtures.member;
import static dev.trellis.recommendation.api.Fixtures.post;
import static dev.trellis.recommendation.api.Fixtures.published;
import static org.awaitility.Awaitility.await;
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
                .body("reason", equalTo("not-possible"));
        connect(ann, zed);
        post(ann, "/introductions", json("introducerId", zed, "targetId", tom, "note", "Hi")).then().statusCode(403)
                .body("reason", equalTo("not-possible"));
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

    static String status(UUID as, String id) {
        return get(as, "/introductions/" + id).then().statusCode(200).extract().path("status");
    }

    static long declinedEvents(String id) {
        return KafkaProbe.find(Topics.RECOMMENDATION, "trellis.recommendation.IntroductionDeclined.v1", r -> id.equals(r.key())).size();
    }

    @Test
    void a_removed_connection_between_two_of_the_three_closes_an_open_introduction_as_declined() {
        UUID amy = member("Amy", "Ask");
        UUID ike = member("Ike", "Intro");
        UUID tim = member("Tim", "Target");
        UUID zoe = member("Zoe", "Other");
        connect(amy, ike);
        connect(ike, tim);
        connect(amy, zoe);
        connect(zoe, tim);
        String viaIke = post(amy, "/introductions", json("introducerId", ike, "targetId", tim, "note", "Could you introduce me?"))
                .then().statusCode(201).extract().path("introductionId");
        // only one open request per target: asking Zoe too is refused while Ike's is open
        post(amy, "/introductions", json("introducerId", zoe, "targetId", tim, "note", "Or you?")).then().statusCode(409)
                .body("reason", equalTo("introduction-already-requested"));

        // Ike and Tim are no longer connected: Ike cannot introduce Amy to Tim any more
        KafkaProbe.publish(new ConnectionRemoved(ike, tim, tim, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> "declined".equals(status(amy, viaIke)));
        IntroductionDeclined d = KafkaProbe.payload(published("IntroductionDeclined", viaIke, x -> true).get(0), IntroductionDeclined.class);
        assertEquals(amy, d.requesterId());
        assertEquals(ike, d.introducerId());
        post(ike, "/introductions/" + viaIke + "/forward", null).then().statusCode(409).body("reason", equalTo("introduction-not-pending"));
        get(ike, "/introductions?role=introducer&status=requested").then().body("total", equalTo(0));
        get(tim, "/introductions/" + viaIke).then().statusCode(404);
        // the slot is free: Amy asks Zoe instead
        String viaZoe = post(amy, "/introductions", json("introducerId", zoe, "targetId", tim, "note", "Could you introduce me?"))
                .then().statusCode(201).extract().path("introductionId");

        // Amy and Zoe (requester and introducer) are no longer connected: closed too
        KafkaProbe.publish(new ConnectionRemoved(amy, zoe, zoe, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> "declined".equals(status(amy, viaZoe)));
        published("IntroductionDeclined", viaZoe, x -> true);

        // a second removal of the same pair closes nothing twice
        KafkaProbe.publish(new ConnectionRemoved(ike, tim, ike, Instant.now()));
        connect(ike, tim);
        assertEquals(1, declinedEvents(viaIke));
    }

    @Test
    void a_block_closes_an_open_introduction_and_nobody_is_introduced_across_a_block() {
        UUID deb = member("Deb", "Ask");
        UUID ivo = member("Ivo", "Intro");
        UUID tara = member("Tara", "Target");
        connect(deb, ivo);
        connect(ivo, tara);
        String id = post(deb, "/introductions", json("introducerId", ivo, "targetId", tara, "note", "Could you introduce me?"))
                .then().statusCode(201).extract().path("introductionId");

        // Tara blocks Deb (they were never connected, so no ConnectionRemoved comes first)
        KafkaProbe.publish(new MemberBlocked(tara, deb, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> "declined".equals(status(deb, id)));
        published("IntroductionDeclined", id, x -> true);
        post(ivo, "/introductions/" + id + "/forward", null).then().statusCode(409);
        get(tara, "/introductions?role=target").then().body("total", equalTo(0));
        // while the block stands, Deb cannot ask for an introduction to Tara
        post(deb, "/introductions", json("introducerId", ivo, "targetId", tara, "note", "Again?")).then().statusCode(403)
                .body("reason", equalTo("not-possible"));

        // lifted: she may ask again
        KafkaProbe.publish(new MemberUnblocked(tara, deb, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> post(deb, "/introductions",
                json("introducerId", ivo, "targetId", tara, "note", "Could you introduce me now?")).statusCode() == 201);
    }
}
