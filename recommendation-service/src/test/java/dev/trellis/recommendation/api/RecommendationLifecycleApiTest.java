package dev.trellis.recommendation.api;

import dev.trellis.events.connection.ConnectionRemoved;
import dev.trellis.events.recommendation.RecommendationAccepted;
import dev.trellis.events.recommendation.RecommendationRequested;
import dev.trellis.events.recommendation.RecommendationWithdrawn;
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

import static dev.trellis.recommendation.api.Fixtures.TEXT;
import static dev.trellis.recommendation.api.Fixtures.connect;
import static dev.trellis.recommendation.api.Fixtures.get;
import static dev.trellis.recommendation.api.Fixtures.json;
import static dev.trellis.recommendation.api.Fixtures.member;
import static dev.trellis.recommendation.api.Fixtures.post;
import static dev.trellis.recommendation.api.Fixtures.published;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The recommendation lifecycle over HTTP, against the real broker and database. */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_recommendation_test"))
class RecommendationLifecycleApiTest {

    @Test
    void ask_with_a_template_write_revise_accept_then_public_hide_and_show() {
        UUID bob = member("Bob", "Jones");
        UUID ann = member("Ann", "Lee");
        connect(bob, ann);

        // Bob fills a template for Ann: names from the profiles, skill and project from him
        post(bob, "/recommendations/templates/project/render?to=" + ann, "{\"skill\":\"code reviews\"}")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("project"));
        String message = post(bob, "/recommendations/templates/project/render?to=" + ann,
                "{\"skill\":\"code reviews\",\"project\":\"Payments\"}").then().statusCode(200)
                .body("message", containsString("Hi Ann, working with you on Payments"))
                .body("message", containsString("about my code reviews"))
                .body("message", containsString("Thanks, Bob Jones")).extract().path("message");

        // he asks her (a template straight away works too; see the other test)
        String id = post(bob, "/recommendations/requests", json("authorId", ann, "message", message, "relationship", "MANAGED_DIRECTLY"))
                .then().statusCode(201).body("status", equalTo("requested")).body("recipient.firstName", equalTo("Bob"))
                .body("author.firstName", equalTo("Ann")).extract().path("recommendationId");
        RecommendationRequested asked = KafkaProbe.payload(published("RecommendationRequested", id, r -> true).get(0), RecommendationRequested.class);
        assertEquals(bob, asked.requesterId());
        assertEquals(ann, asked.authorId());
        assertEquals(message, asked.message());
        // a second open request for the same pair: 409
        post(bob, "/recommendations/requests", json("authorId", ann, "message", "again?"))
                .then().statusCode(409).body("reason", equalTo("recommendation-already-open"));
        // Ann sees it among those she was asked for
        get(ann, "/recommendations/given?status=requested").then().statusCode(200).body("items.recommendationId", hasItems(id))
                .body("items[0].requestMessage", equalTo(message));

        // Ann writes it through POST /recommendations: the request is fulfilled, same recommendation, version 1
        post(ann, "/recommendations", json("recipientId", bob, "text", "Too short"))
                .then().statusCode(422).body("reason", equalTo("text-too-short"));
        post(ann, "/recommendations", json("recipientId", bob, "position", "Engineer at Acme", "text", TEXT))
                .then().statusCode(201).body("recommendationId", equalTo(id)).body("status", equalTo("written"))
                .body("version", equalTo(1)).body("relationship", equalTo("MANAGED_DIRECTLY"));
        // nothing public before Bob accepts
        get(ann, "/members/" + bob + "/recommendations").then().statusCode(200).body("total", equalTo(0));
        get(UUID.randomUUID(), "/recommendations/" + id).then().statusCode(404);
        get(bob, "/recommendations/received?status=written").then().statusCode(200).body("items[0].recommendationId", equalTo(id))
                .body("items[0].text", equalTo(TEXT));

        // only the recipient decides
        post(ann, "/recommendations/" + id + "/accept", null).then().statusCode(403).body("reason", equalTo("not-the-recipient"));
        post(UUID.randomUUID(), "/recommendations/" + id + "/accept", null).then().statusCode(404);

        // Bob asks for a revision; Ann writes version 2; the history is kept
        post(bob, "/recommendations/" + id + "/request-revision", "{\"message\":\"Could you mention Payments?\"}")
                .then().statusCode(200).body("status", equalTo("revision_requested")).body("revisionMessage", equalTo("Could you mention Payments?"));
        post(bob, "/recommendations/" + id + "/accept", null).then().statusCode(409).body("reason", equalTo("recommendation-not-pending"));
        post(bob, "/recommendations/" + id + "/write", json("text", TEXT + " Payments too."))
                .then().statusCode(403).body("reason", equalTo("not-the-author"));
        post(ann, "/recommendations/" + id + "/write", json("text", TEXT + " He carried Payments.", "relationship", "worked with"))
                .then().statusCode(200).body("version", equalTo(2)).body("status", equalTo("written"))
                .body("versions.size()", equalTo(2)).body("versions[0].text", equalTo(TEXT))
                .body("versions[1].text", equalTo(TEXT + " He carried Payments.")).body("position", equalTo("Engineer at Acme"));

        // Bob accepts version 2: public, with Ann's name and the relationship; he is offered to write one back
        post(bob, "/recommendations/" + id + "/accept", null).then().statusCode(200).body("status", equalTo("accepted"))
                .body("version", equalTo(2)).body("writeInReturn", equalTo(true));
        RecommendationAccepted accepted = KafkaProbe.payload(published("RecommendationAccepted", id, r -> true).get(0), RecommendationAccepted.class);
        assertEquals(2, accepted.version());
        assertEquals(bob, accepted.recipientId());
        get(UUID.randomUUID(), "/members/" + bob + "/recommendations").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].author.firstName", equalTo("Ann")).body("items[0].author.lastName", equalTo("Lee"))
                .body("items[0].relationship", equalTo("WORKED_WITH")).body("items[0].text", equalTo(TEXT + " He carried Payments."))
                .body("items[0].position", equalTo("Engineer at Acme"));
        get(UUID.randomUUID(), "/recommendations/" + id).then().statusCode(200).body("requestMessage", nullValue())
                .body("versions", nullValue());
        get(bob, "/recommendations/spread").then().statusCode(200).body("have[0].kind", equalTo("CO_WORKER"))
                .body("missing", hasItems("MANAGER", "REPORT", "PARTNER", "CLIENT"));

        // hide: gone from the public view, still in Bob's own; show again
        post(bob, "/recommendations/" + id + "/hide", null).then().statusCode(200).body("hidden", equalTo(true));
        post(bob, "/recommendations/" + id + "/hide", null).then().statusCode(409).body("reason", equalTo("already-hidden"));
        get(ann, "/members/" + bob + "/recommendations").then().body("total", equalTo(0));
        get(UUID.randomUUID(), "/recommendations/" + id).then().statusCode(404);
        get(bob, "/recommendations/received").then().body("items.recommendationId", hasItems(id)).body("items[0].hidden", equalTo(true));
        post(bob, "/recommendations/" + id + "/show", null).then().statusCode(200).body("hidden", equalTo(false));
        get(ann, "/members/" + bob + "/recommendations").then().body("total", equalTo(1));
        published("RecommendationHidden", id, r -> true);
        published("RecommendationShown", id, r -> true);

        // reciprocity: Bob writes one back to Ann (not asked for); Ann's accept no longer offers one in return
        String back = post(bob, "/recommendations", json("recipientId", ann, "relationship", "REPORTED_TO", "text", TEXT.replace("Bob", "Ann")))
                .then().statusCode(201).body("status", equalTo("written")).extract().path("recommendationId");
        post(ann, "/recommendations/" + back + "/accept", null).then().statusCode(200).body("writeInReturn", equalTo(false));
        get(ann, "/recommendations/spread").then().body("have[0].kind", equalTo("REPORT"));
    }

    @Test
    void only_connections_may_ask_or_write_and_a_template_needs_every_placeholder() {
        UUID carl = member("Carl", "Cole");
        UUID dora = member("Dora", "Diaz");
        post(carl, "/recommendations/requests", json("authorId", dora, "message", "Would you?"))
                .then().statusCode(403).body("reason", equalTo("not-possible"));
        post(carl, "/recommendations", json("recipientId", dora, "relationship", "WORKED_WITH", "text", TEXT))
                .then().statusCode(403).body("reason", equalTo("not-possible"));
        connect(carl, dora);
        post(carl, "/recommendations/requests", "{\"authorId\":\"" + dora + "\",\"templateId\":\"job-search\",\"templateValues\":{\"skill\":\"SQL\"}}")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("project"));
        post(carl, "/recommendations/requests", "{\"authorId\":\"" + dora + "\",\"templateId\":\"nope\"}")
                .then().statusCode(404).body("reason", equalTo("template-not-found"));
        post(carl, "/recommendations/requests", "{\"authorId\":\"" + dora + "\",\"message\":\"hi\",\"templateId\":\"skill\",\"templateValues\":{\"skill\":\"SQL\"}}")
                .then().statusCode(400);
        post(carl, "/recommendations/requests", "{\"authorId\":\"" + dora + "\",\"templateId\":\"skill\",\"templateValues\":{\"skill\":\"SQL\",\"firstName\":\"Someone\"}}")
                .then().statusCode(201).body("requestMessage", equalTo("Hi Dora, would you be willing to write me a recommendation "
                        + "that speaks to my SQL? Happy to return the favor. Carl Cole"));
        post(carl, "/recommendations", json("recipientId", dora, "relationship", "drinking buddy", "text", TEXT))
                .then().statusCode(422).body("reason", equalTo("unknown-relationship"));
        post(carl, "/recommendations", json("recipientId", carl, "relationship", "WORKED_WITH", "text", TEXT))
                .then().statusCode(422).body("reason", equalTo("cannot-recommend-yourself"));
        get(carl, "/recommendations/received?status=bogus").then().statusCode(400).body("errors[0].field", equalTo("status"));
    }

    @Test
    void a_rejected_recommendation_is_never_public_and_the_author_may_withdraw() {
        UUID eve = member("Eve", "Ek");
        UUID fay = member("Fay", "Fox");
        connect(eve, fay);
        String id = post(eve, "/recommendations", json("recipientId", fay, "relationship", "CLIENT_OF", "text", TEXT))
                .then().statusCode(201).extract().path("recommendationId");
        post(eve, "/recommendations", json("recipientId", fay, "relationship", "CLIENT_OF", "text", TEXT))
                .then().statusCode(409).body("reason", equalTo("recommendation-already-open"));
        post(fay, "/recommendations/" + id + "/reject", null).then().statusCode(200).body("status", equalTo("rejected"));
        post(fay, "/recommendations/" + id + "/accept", null).then().statusCode(409);
        post(fay, "/recommendations/" + id + "/show", null).then().statusCode(409).body("reason", equalTo("recommendation-not-accepted"));
        get(eve, "/members/" + fay + "/recommendations").then().body("total", equalTo(0));
        published("RecommendationRejected", id, r -> true);
        // rejected is closed: Eve may write a new one, and withdraw it
        String second = post(eve, "/recommendations", json("recipientId", fay, "relationship", "CLIENT_OF", "text", TEXT))
                .then().statusCode(201).extract().path("recommendationId");
        post(fay, "/recommendations/" + second + "/withdraw", null).then().statusCode(403).body("reason", equalTo("not-the-author"));
        post(eve, "/recommendations/" + second + "/withdraw", null).then().statusCode(204);
        get(fay, "/recommendations/" + second).then().statusCode(404);
        RecommendationWithdrawn w = KafkaProbe.payload(published("RecommendationWithdrawn", second, r -> true).get(0), RecommendationWithdrawn.class);
        assertEquals("AUTHOR", w.reason());
    }

    @Test
    void the_public_view_is_accepted_and_shown_only_newest_first_and_paged() {
        UUID gus = member("Gus", "Gray");
        UUID h1 = member("Hal", "One");
        UUID h2 = member("Ida", "Two");
        UUID h3 = member("Jon", "Three");
        for (UUID h : new UUID[]{h1, h2, h3}) {
            connect(gus, h);
        }
        String first = post(h1, "/recommendations", json("recipientId", gus, "relationship", "MANAGED_DIRECTLY", "text", TEXT)).then().statusCode(201).extract().path("recommendationId");
        String second = post(h2, "/recommendations", json("recipientId", gus, "relationship", "PARTNER_OF", "text", TEXT)).then().statusCode(201).extract().path("recommendationId");
        post(h3, "/recommendations", json("recipientId", gus, "relationship", "WORKED_WITH", "text", TEXT)).then().statusCode(201);
        post(gus, "/recommendations/" + first + "/accept", null).then().statusCode(200);
        post(gus, "/recommendations/" + second + "/accept", null).then().statusCode(200);
        get(h3, "/members/" + gus + "/recommendations").then().statusCode(200).body("total", equalTo(2))
                .body("items[0].recommendationId", equalTo(second)).body("items[0].author.firstName", equalTo("Ida"))
                .body("items[0].relationship", equalTo("PARTNER_OF")).body("items[1].recommendationId", equalTo(first));
        get(h3, "/members/" + gus + "/recommendations?size=1&page=1").then().body("items.size()", equalTo(1))
                .body("items[0].recommendationId", equalTo(first)).body("total", equalTo(2));
        get(h3, "/members/" + gus + "/recommendations?size=0").then().statusCode(400).body("errors[0].field", equalTo("size"));
    }

    @Test
    void a_removed_connection_withdraws_the_recommendations_between_the_two_both_ways() {
        UUID kim = member("Kim", "Kay");
        UUID lou = member("Lou", "Low");
        UUID max = member("Max", "Mo");
        connect(kim, lou);
        connect(kim, max);
        String accepted = post(kim, "/recommendations", json("recipientId", lou, "relationship", "WORKED_WITH", "text", TEXT))
                .then().statusCode(201).extract().path("recommendationId");
        post(lou, "/recommendations/" + accepted + "/accept", null).then().statusCode(200);
        String asked = post(kim, "/recommendations/requests", json("authorId", lou, "message", "Would you write me one?"))
                .then().statusCode(201).extract().path("recommendationId");
        String other = post(max, "/recommendations", json("recipientId", kim, "relationship", "WORKED_WITH", "text", TEXT))
                .then().statusCode(201).extract().path("recommendationId");
        get(max, "/members/" + lou + "/recommendations").then().body("total", equalTo(1));

        KafkaProbe.publish(new ConnectionRemoved(kim, lou, lou, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                get(max, "/members/" + lou + "/recommendations").then().extract().<Integer>path("total") == 0);
        for (String id : new String[]{accepted, asked}) {
            RecommendationWithdrawn w = KafkaProbe.payload(published("RecommendationWithdrawn", id, r -> true).get(0), RecommendationWithdrawn.class);
            assertEquals("CONNECTION_REMOVED", w.reason());
            get(lou, "/recommendations/" + id).then().statusCode(404);
            get(kim, "/recommendations/" + id).then().statusCode(404);
        }
        get(lou, "/recommendations/received").then().body("total", equalTo(0));
        // the other pair is untouched; and no new recommendation between the two
        get(kim, "/recommendations/" + other).then().statusCode(200).body("status", equalTo("written"));
        post(lou, "/recommendations", json("recipientId", kim, "relationship", "WORKED_WITH", "text", TEXT))
                .then().statusCode(403).body("reason", equalTo("not-possible"));
        // a second removal changes nothing more; connected again, they may recommend each other anew
        KafkaProbe.publish(new ConnectionRemoved(kim, lou, kim, Instant.now()));
        connect(kim, lou);
        assertEquals(1, KafkaProbe.find(dev.trellis.events.Topics.RECOMMENDATION, "trellis.recommendation.RecommendationWithdrawn.v1",
                r -> accepted.equals(r.key())).size());
        post(lou, "/recommendations", json("recipientId", kim, "relationship", "WORKED_WITH", "text", TEXT)).then().statusCode(201);
    }
}
