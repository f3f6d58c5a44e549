package dev.trellis.recommendation.api;

import dev.trellis.events.connection.ConnectionRemoved;
import dev.trellis.events.profile.PrivacySettingsChanged;
import dev.trellis.events.profile.ProfileUpdated;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

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
import static dev.trellis.recommendation.api.Fixtures.skill;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/**
 * Issue 12 in recommendation-service: names follow NameVisibility, unknown members are 404 for writes and reads,
 * a removed connection or a block is the neutral not-possible, and paging never overflows.
 */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_recommendation_test"))
class RecommendationPrivacyApiTest {
    @Inject
    EntityManager em;

    void nameInitial(UUID member) {
        KafkaProbe.publish(new PrivacySettingsChanged(member, "EVERYONE", "NAME_INITIAL", true, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                "NAME_INITIAL".equals(em.createNativeQuery("SELECT profile_visibility FROM member_profile WHERE member_id = ?1")
                        .setParameter(1, member).getSingleResult())));
    }

    @Test
    void a_name_initial_author_and_endorser_show_out_of_network_as_first_name_and_initial() {
        UUID olivia = member("Olivia", "Taylor");
        UUID bob = member("Bob", "Open");
        UUID sam = member("Sam", "Stranger");
        connect(olivia, bob);
        nameInitial(olivia);
        String id = post(olivia, "/recommendations", json("recipientId", bob, "relationship", "WORKED_WITH", "text", TEXT))
                .then().statusCode(201).extract().path("recommendationId");
        post(bob, "/recommendations/" + id + "/accept", null).then().statusCode(200)
                .body("author.lastName", equalTo("Taylor")); // Bob is her connection: the full name
        // a stranger sees "Olivia T." and no headline, on the profile and on the recommendation itself
        get(sam, "/members/" + bob + "/recommendations").then().statusCode(200)
                .body("items[0].author.firstName", equalTo("Olivia"))
                .body("items[0].author.lastName", equalTo("T."))
                .body("items[0].author.headline", nullValue());
        get(sam, "/recommendations/" + id).then().statusCode(200)
                .body("author.lastName", equalTo("T.")).body("author.headline", nullValue())
                .body("recipient.lastName", equalTo("Open"));
        get(bob, "/members/" + bob + "/recommendations").then()
                .body("items[0].author.lastName", equalTo("Taylor")).body("items[0].author.headline", equalTo("Olivia at Acme"));
        // and as an endorser
        skill(bob, "Java");
        post(olivia, "/members/" + bob + "/endorsements", "{\"skill\":\"Java\"}").then().statusCode(201);
        get(sam, "/members/" + bob + "/skills/Java/endorsers").then().statusCode(200)
                .body("items[0].endorser.lastName", equalTo("T.")).body("items[0].endorser.headline", nullValue());
        get(sam, "/members/" + bob + "/skills").then().statusCode(200)
                .body("items[0].topEndorsers[0].endorser.lastName", equalTo("T."));
        get(bob, "/endorsements/received").then().body("items[0].endorser.lastName", equalTo("Taylor"));
    }

    @Test
    void a_name_initial_requester_shows_to_the_target_of_an_introduction_as_first_name_and_initial() {
        UUID ann = member("Ann", "Private");
        UUID ian = member("Ian", "Intro");
        UUID tom = member("Tom", "Target");
        connect(ann, ian);
        connect(ian, tom);
        nameInitial(ann);
        String id = post(ann, "/introductions", json("introducerId", ian, "targetId", tom, "note", "Hi Ian"))
                .then().statusCode(201).extract().path("introductionId");
        post(ian, "/introductions/" + id + "/forward", null).then().statusCode(200)
                .body("requester.lastName", equalTo("Private"));
        get(tom, "/introductions/" + id).then().statusCode(200)
                .body("requester.firstName", equalTo("Ann")).body("requester.lastName", equalTo("P."))
                .body("requester.headline", nullValue()).body("introducer.lastName", equalTo("Intro"));
        get(tom, "/introductions?role=target").then().body("items[0].requester.lastName", equalTo("P."));
    }

    @Test
    void unknown_members_are_404_member_not_found_for_writes_and_reads() {
        UUID alice = member("Alice", "Lost");
        UUID ian = member("Ian", "Lost");
        connect(alice, ian);
        UUID nobody = UUID.randomUUID();
        post(alice, "/recommendations", json("recipientId", nobody, "relationship", "WORKED_WITH", "text", TEXT))
                .then().statusCode(404).contentType("application/problem+json").body("reason", equalTo("member-not-found"));
        post(alice, "/recommendations/requests", json("authorId", nobody, "message", "Would you?"))
                .then().statusCode(404).body("reason", equalTo("member-not-found"));
        post(alice, "/recommendations/templates/skill/render?to=" + nobody, "{\"skill\":\"Go\"}")
                .then().statusCode(404).body("reason", equalTo("member-not-found"));
        post(alice, "/members/" + nobody + "/endorsements", "{\"skill\":\"Java\"}")
                .then().statusCode(404).body("reason", equalTo("member-not-found"));
        post(alice, "/introductions", json("introducerId", ian, "targetId", nobody, "note", "Hi"))
                .then().statusCode(404).body("reason", equalTo("member-not-found"));
        post(alice, "/introductions", json("introducerId", nobody, "targetId", ian, "note", "Hi"))
                .then().statusCode(404).body("reason", equalTo("member-not-found"));
        for (String read : List.of("/members/" + nobody + "/recommendations", "/members/" + nobody + "/skills",
                "/members/" + nobody + "/skills/Java/endorsers")) {
            get(alice, read).then().statusCode(404).contentType("application/problem+json")
                    .body("reason", equalTo("member-not-found"));
        }
        // a known member with nothing yet is an empty page
        get(alice, "/members/" + ian + "/recommendations").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void a_renamed_member_is_shown_by_the_new_name_and_an_update_never_makes_a_member_known() {
        UUID alice = member("Alice", "Old");
        UUID nobody = UUID.randomUUID();
        UUID ghostEvent = UUID.randomUUID();
        KafkaProbe.publish(ghostEvent, new ProfileUpdated(nobody, "Ghost", "Member", null, null, null, null, null, List.of(),
                List.of(), List.of(), List.of("firstName"), Instant.now()));
        KafkaProbe.publish(new ProfileUpdated(alice, "Alicia", "New", "CTO", null, null, null, null, List.of(), List.of(),
                List.of(), List.of("firstName", "lastName", "headline"), Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                "Alicia".equals(em.createNativeQuery("SELECT first_name FROM member_profile WHERE member_id = ?1")
                        .setParameter(1, alice).getSingleResult())));
        // once the update for the never-created member was handled, it is still unknown
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                !em.createNativeQuery("SELECT 1 FROM processed_event WHERE event_id = ?1").setParameter(1, ghostEvent)
                        .getResultList().isEmpty()));
        get(alice, "/members/" + nobody + "/recommendations").then().statusCode(404).body("reason", equalTo("member-not-found"));
        get(alice, "/recommendations/given").then().statusCode(200);
    }

    @Test
    void a_removed_connection_is_the_neutral_not_possible_like_one_that_never_was() {
        UUID alice = member("Alice", "Removed");
        UUID bob = member("Bob", "Removed");
        UUID carol = member("Carol", "Never");
        skill(bob, "Java");
        skill(carol, "Java");
        connect(alice, bob);
        KafkaProbe.publish(new ConnectionRemoved(alice, bob, bob, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> post(alice, "/members/" + bob + "/endorsements",
                "{\"skill\":\"Java\"}").statusCode() == 403);
        for (UUID other : List.of(bob, carol)) {
            post(alice, "/members/" + other + "/endorsements", "{\"skill\":\"Java\"}").then().statusCode(403)
                    .contentType("application/problem+json").body("reason", equalTo("not-possible"))
                    .body("detail", equalTo("this is not possible with this member"));
            post(alice, "/recommendations", json("recipientId", other, "relationship", "WORKED_WITH", "text", TEXT))
                    .then().statusCode(403).body("reason", equalTo("not-possible"));
            post(alice, "/recommendations/requests", json("authorId", other, "message", "Would you?"))
                    .then().statusCode(403).body("reason", equalTo("not-possible"));
        }
    }

    @Test
    void a_page_whose_offset_would_overflow_is_a_400_on_every_list() {
        UUID alice = member("Alice", "Pager");
        skill(alice, "Java");
        for (String list : List.of("/recommendations/received", "/recommendations/given",
                "/members/" + alice + "/recommendations", "/members/" + alice + "/skills",
                "/members/" + alice + "/skills/Java/endorsers", "/endorsements/received",
                "/introductions?role=requester", "/introductions?role=introducer", "/introductions?role=target")) {
            String sep = list.contains("?") ? "&" : "?";
            get(alice, list + sep + "page=1073741824&size=2").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("page"));
            get(alice, list + sep + "page=1000000&size=100").then().statusCode(200).body("items.size()", equalTo(0));
        }
    }
}
