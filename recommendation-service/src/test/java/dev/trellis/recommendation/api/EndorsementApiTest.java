package dev.trellis.recommendation.api;

import dev.trellis.events.Topics;
import dev.trellis.events.connection.ConnectionRemoved;
import dev.trellis.events.profile.SkillRemoved;
import dev.trellis.events.recommendation.EndorsementWithdrawn;
import dev.trellis.events.recommendation.SkillEndorsed;
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
import static dev.trellis.recommendation.api.Fixtures.member;
import static dev.trellis.recommendation.api.Fixtures.post;
import static dev.trellis.recommendation.api.Fixtures.published;
import static dev.trellis.recommendation.api.Fixtures.skill;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Skill endorsements over HTTP, against the real broker and database. */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_recommendation_test"))
class EndorsementApiTest {

    static String skillBody(String skill) {
        return "{\"skill\":\"" + skill + "\"}";
    }

    @Test
    void connections_endorse_listed_skills_once_and_counts_show_the_viewers_connections_first() {
        UUID nia = member("Nia", "North");
        UUID ola = member("Ola", "Oak");
        UUID pat = member("Pat", "Pine");
        UUID quinn = member("Quinn", "Quay");
        UUID viewer = member("Vic", "View");
        skill(nia, "Java");
        skill(nia, "SQL");
        skill(nia, "Public speaking");

        // only 1st-degree connections may endorse
        post(ola, "/members/" + nia + "/endorsements", skillBody("Java")).then().statusCode(403).body("reason", equalTo("not-possible"));
        connect(nia, ola);
        connect(nia, pat);
        connect(nia, quinn);
        connect(viewer, quinn);
        post(nia, "/members/" + nia + "/endorsements", skillBody("Java")).then().statusCode(422).body("reason", equalTo("cannot-endorse-yourself"));
        post(ola, "/members/" + nia + "/endorsements", skillBody("Cobol")).then().statusCode(422).body("reason", equalTo("skill-not-listed"));
        post(ola, "/members/" + nia + "/endorsements", "{}").then().statusCode(400).contentType("application/problem+json");
        String olaJava = post(ola, "/members/" + nia + "/endorsements", skillBody(" java ")).then().statusCode(201)
                .body("skill", equalTo("Java")).body("status", equalTo("active")).extract().path("endorsementId");
        post(ola, "/members/" + nia + "/endorsements", skillBody("JAVA")).then().statusCode(409).body("reason", equalTo("already-endorsed"));
        SkillEndorsed e = KafkaProbe.payload(published("SkillEndorsed", olaJava, r -> true).get(0), SkillEndorsed.class);
        assertEquals(ola, e.endorserId());
        assertEquals(nia, e.memberId());
        assertEquals("Java", e.skill());

        post(quinn, "/members/" + nia + "/endorsements", skillBody("Java")).then().statusCode(201);
        post(pat, "/members/" + nia + "/endorsements", skillBody("Java")).then().statusCode(201);
        post(pat, "/members/" + nia + "/endorsements", skillBody("SQL")).then().statusCode(201);

        // counts per skill, most endorsed first; Quinn (the viewer's connection) comes first among the endorsers
        get(viewer, "/members/" + nia + "/skills").then().statusCode(200).body("total", equalTo(3))
                .body("items.skill", contains("Java", "SQL", "Public speaking"))
                .body("items.endorsements", contains(3, 1, 0))
                .body("items[0].endorsedByYou", equalTo(false))
                .body("items[0].topEndorsers[0].endorser.firstName", equalTo("Quinn"))
                .body("items[0].topEndorsers[0].yourConnection", equalTo(true))
                .body("items[0].topEndorsers[1].yourConnection", equalTo(false));
        get(ola, "/members/" + nia + "/skills?size=1").then().body("items.size()", equalTo(1)).body("items[0].endorsedByYou", equalTo(true));
        // newest first after the viewer's connections: Pat, then Ola
        get(viewer, "/members/" + nia + "/skills/java/endorsers").then().statusCode(200).body("total", equalTo(3))
                .body("items.endorser.firstName", contains("Quinn", "Pat", "Ola"));

        // Nia hides Ola's endorsement: it no longer counts or shows, but she still sees it as hidden
        post(ola, "/endorsements/" + olaJava + "/hide", null).then().statusCode(403).body("reason", equalTo("not-the-member"));
        post(nia, "/endorsements/" + olaJava + "/hide", null).then().statusCode(200).body("status", equalTo("hidden"));
        published("EndorsementHidden", olaJava, r -> true);
        get(viewer, "/members/" + nia + "/skills/Java/endorsers").then().body("total", equalTo(2))
                .body("items.endorser.firstName", contains("Quinn", "Pat"));
        get(viewer, "/members/" + nia + "/skills").then().body("items[0].endorsements", equalTo(2));
        get(viewer, "/endorsements/" + olaJava).then().statusCode(404);
        get(nia, "/endorsements/received").then().statusCode(200).body("total", equalTo(4));
        // a hidden one still stops a second endorsement of the same skill
        post(ola, "/members/" + nia + "/endorsements", skillBody("Java")).then().statusCode(409);

        // Pat takes back the SQL one
        String patSql = get(nia, "/endorsements/received").then().extract().path("items.find { it.skill == 'SQL' }.endorsementId");
        post(nia, "/endorsements/" + patSql + "/withdraw", null).then().statusCode(403).body("reason", equalTo("not-the-endorser"));
        post(pat, "/endorsements/" + patSql + "/withdraw", null).then().statusCode(204);
        assertEquals("ENDORSER", KafkaProbe.payload(published("EndorsementWithdrawn", patSql, r -> true).get(0), EndorsementWithdrawn.class).reason());
        get(viewer, "/members/" + nia + "/skills").then().body("items.endorsements", contains(2, 0, 0));
    }

    @Test
    void a_removed_connection_and_a_removed_skill_withdraw_endorsements() {
        UUID rae = member("Rae", "Reed");
        UUID sam = member("Sam", "Sand");
        UUID tia = member("Tia", "Teal");
        skill(rae, "Go");
        skill(rae, "Kotlin");
        skill(sam, "Rust");
        connect(rae, sam);
        connect(rae, tia);
        String samGo = post(sam, "/members/" + rae + "/endorsements", skillBody("Go")).then().statusCode(201).extract().path("endorsementId");
        String raeRust = post(rae, "/members/" + sam + "/endorsements", skillBody("Rust")).then().statusCode(201).extract().path("endorsementId");
        String tiaGo = post(tia, "/members/" + rae + "/endorsements", skillBody("Go")).then().statusCode(201).extract().path("endorsementId");
        String tiaKotlin = post(tia, "/members/" + rae + "/endorsements", skillBody("Kotlin")).then().statusCode(201).extract().path("endorsementId");

        // Rae and Sam are no longer connected: both their endorsements go, Tia's stay
        KafkaProbe.publish(new ConnectionRemoved(rae, sam, sam, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                get(tia, "/members/" + rae + "/skills/Go/endorsers").then().extract().<Integer>path("total") == 1);
        get(tia, "/members/" + sam + "/skills").then().body("items[0].endorsements", equalTo(0));
        for (String id : new String[]{samGo, raeRust}) {
            assertEquals("CONNECTION_REMOVED", KafkaProbe.payload(published("EndorsementWithdrawn", id, r -> true).get(0),
                    EndorsementWithdrawn.class).reason());
        }
        post(sam, "/members/" + rae + "/endorsements", skillBody("Go")).then().statusCode(403);

        // Rae removes Kotlin from her profile: its endorsements are withdrawn and it cannot be endorsed
        KafkaProbe.publish(new SkillRemoved(rae, "kotlin", Instant.now()));
        assertEquals("SKILL_REMOVED", KafkaProbe.payload(published("EndorsementWithdrawn", tiaKotlin, r -> true).get(0),
                EndorsementWithdrawn.class).reason());
        get(tia, "/members/" + rae + "/skills").then().body("total", equalTo(1)).body("items.skill", contains("Go"));
        post(tia, "/members/" + rae + "/endorsements", skillBody("Kotlin")).then().statusCode(422).body("reason", equalTo("skill-not-listed"));
        get(tia, "/endorsements/" + tiaGo).then().statusCode(200).body("status", equalTo("active"));
        assertEquals(0, KafkaProbe.find(Topics.RECOMMENDATION, "trellis.recommendation.EndorsementWithdrawn.v1",
                r -> tiaGo.equals(r.key())).size());
    }
}
