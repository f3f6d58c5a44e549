package dev.trellis.recommendation.api;

import dev.trellis.events.profile.AccountClosed;
import dev.trellis.events.recommendation.EndorsementWithdrawn;
import dev.trellis.events.recommendation.RecommendationWithdrawn;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.ReadModelScan;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.trellis.recommendation.api.Fixtures.TEXT;
import static dev.trellis.recommendation.api.Fixtures.connect;
import static dev.trellis.recommendation.api.Fixtures.get;
import static dev.trellis.recommendation.api.Fixtures.json;
import static dev.trellis.recommendation.api.Fixtures.member;
import static dev.trellis.recommendation.api.Fixtures.post;
import static dev.trellis.recommendation.api.Fixtures.published;
import static dev.trellis.recommendation.api.Fixtures.skill;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A member closes their account (AccountClosed on the profile topic): the recommendations by and for them are
 * withdrawn (reason ACCOUNT_CLOSED), the endorsements by and of them withdrawn, the open introductions they take part
 * in declined, each with its event on the recommendation topic; no read-model table keeps their name, skills,
 * recommendation texts, request messages or introduction notes; a second AccountClosed changes nothing.
 */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_recommendation_test"))
class AccountClosedApiTest {
    @Inject
    DataSource dataSource;

    long eventsInStore(String stream, String type) throws Exception {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                "SELECT count(*) FROM event_store WHERE stream_id = ? AND event_type = ?")) {
            ps.setString(1, stream);
            ps.setString(2, "trellis.recommendation." + type + ".v1");
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void closing_an_account_withdraws_what_is_by_or_for_them_and_erases_their_texts() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String last = "Quokka" + tag, zedSkill = "Zoology" + tag, text = TEXT + " Zed-" + tag;
        String position = "Keeper " + tag, request = "Please Zed " + tag, note = "Intro note " + tag;
        UUID zed = member("Zed", last);
        UUID ann = member("Ann", "Other");
        UUID bob = member("Bob", "Other");
        skill(zed, zedSkill);
        skill(ann, "Java");
        connect(zed, ann);
        connect(zed, bob);

        String forAnn = post(zed, "/recommendations", json("recipientId", ann, "relationship", "WORKED_WITH",
                "position", position, "text", text)).then().statusCode(201).extract().path("recommendationId");
        post(ann, "/recommendations/" + forAnn + "/accept", null).then().statusCode(200);
        String asked = post(bob, "/recommendations/requests", json("authorId", zed, "message", request,
                "relationship", "WORKED_WITH")).then().statusCode(201).extract().path("recommendationId");
        String annOfZed = post(ann, "/members/" + zed + "/endorsements", json("skill", zedSkill)).then().statusCode(201)
                .extract().path("endorsementId");
        String zedOfAnn = post(zed, "/members/" + ann + "/endorsements", json("skill", "Java")).then().statusCode(201)
                .extract().path("endorsementId");
        String intro = post(bob, "/introductions", json("introducerId", zed, "targetId", ann, "note", note))
                .then().statusCode(201).extract().path("introductionId");
        get(bob, "/members/" + ann + "/recommendations").then().statusCode(200).body("total", equalTo(1));
        List<String> needles = List.of(last, zedSkill, "Zed-" + tag, position, request, note);
        assertFalse(ReadModelScan.rowsContaining(dataSource, needles.toArray(new String[0])).isEmpty(), "found before");

        KafkaProbe.publish(new AccountClosed(zed, Instant.now()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                get(bob, "/members/" + ann + "/recommendations").then().statusCode(200).body("total", equalTo(0)));
        get(bob, "/recommendations/" + asked).then().statusCode(404);
        get(ann, "/recommendations/" + forAnn).then().statusCode(404);
        get(ann, "/endorsements/received").then().statusCode(200).body("total", equalTo(0));
        get(ann, "/endorsements/" + zedOfAnn).then().statusCode(404);
        get(bob, "/introductions/" + intro).then().statusCode(200).body("status", equalTo("declined"));
        // the reason is a personal field, sealed on the topic: read as a consumer reads it
        published("RecommendationWithdrawn", forAnn, r -> "ACCOUNT_CLOSED".equals(
                KafkaProbe.payload(r, RecommendationWithdrawn.class).reason()));
        published("RecommendationWithdrawn", asked, r -> "ACCOUNT_CLOSED".equals(
                KafkaProbe.payload(r, RecommendationWithdrawn.class).reason()));
        published("EndorsementWithdrawn", annOfZed, r -> "ACCOUNT_CLOSED".equals(
                KafkaProbe.payload(r, EndorsementWithdrawn.class).reason()));
        published("EndorsementWithdrawn", zedOfAnn, r -> "ACCOUNT_CLOSED".equals(
                KafkaProbe.payload(r, EndorsementWithdrawn.class).reason()));
        published("IntroductionDeclined", intro, r -> true);
        assertEquals(List.of(), ReadModelScan.rowsContaining(dataSource, needles.toArray(new String[0])));
        assertEquals(List.of(), ReadModelScan.rowsContaining(dataSource, zed.toString()).stream()
                .filter(row -> row.startsWith("member_profile") || row.startsWith("member_skill")
                        || row.startsWith("first_degree") || row.startsWith("member_block")).toList());

        // a second AccountClosed changes nothing
        UUID again = KafkaProbe.publish(new AccountClosed(zed, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> ReadModelScan.processed(dataSource, again));
        assertEquals(1, eventsInStore("recommendation-" + forAnn, "RecommendationWithdrawn"));
        assertEquals(1, eventsInStore("recommendation-" + asked, "RecommendationWithdrawn"));
        assertEquals(1, eventsInStore("endorsement-" + annOfZed, "EndorsementWithdrawn"));
        assertEquals(1, eventsInStore("introduction-" + intro, "IntroductionDeclined"));
        get(bob, "/introductions/" + intro).then().statusCode(200).body("status", equalTo("declined"));
        assertEquals(List.of(), ReadModelScan.rowsContaining(dataSource, needles.toArray(new String[0])));
    }
}
