package dev.trellis.invitation.api;

import dev.trellis.events.connection.MemberBlocked;
import dev.trellis.events.profile.PrivacySettingsChanged;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.events.profile.ProfileUpdated;
import dev.trellis.invitation.store.InvitationQueries;
import dev.trellis.invitation.store.MemberEntity;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TestClock;
import dev.trellis.testing.TestTokens;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 12 in invitation-service: ignore and "I don't know" are silent to the sender, blocks answer the neutral
 * not-possible, names follow NameVisibility, unknown members are 404, paging never overflows.
 */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_invitation_test"))
class InvitationPrivacyApiTest {
    @Inject
    TestClock clock;
    @Inject
    InvitationQueries queries;
    @Inject
    jakarta.persistence.EntityManager em;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static UUID member(String first, String last) {
        UUID id = UUID.randomUUID();
        KafkaProbe.publish(new ProfileCreated(id, first, last, first + " at Acme", Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                QuarkusTransaction.requiringNew().call(() -> MemberEntity.findById(id) != null));
        return id;
    }

    static Response post(UUID as, String path, String body) {
        var r = given().header("Authorization", TestTokens.bearer(as));
        if (body != null) {
            r = r.contentType(ContentType.JSON).body(body);
        }
        return r.post(path);
    }

    static Response get(UUID as, String path) {
        return given().header("Authorization", TestTokens.bearer(as)).get(path);
    }

    static String invited(UUID from, UUID to) {
        return post(from, "/invitations", "{\"toMemberId\":\"" + to + "\"}").then().statusCode(201)
                .extract().path("invitationId");
    }

    /** Everything the sender can read about their invitations, as one comparable value. */
    Map<String, Object> senderSees(UUID sender, List<String> ids) {
        Map<String, Object> seen = new java.util.LinkedHashMap<>();
        seen.put("standing", get(sender, "/invitations/standing").then().statusCode(200).extract().as(Map.class));
        seen.put("sent", get(sender, "/invitations/sent?size=100").then().statusCode(200).extract().as(Map.class));
        seen.put("all", get(sender, "/invitations/sent?status=all&size=100").then().statusCode(200).extract().as(Map.class));
        for (String id : ids) {
            seen.put(id, get(sender, "/invitations/" + id).then().statusCode(200).extract().as(Map.class));
        }
        return seen;
    }

    @Test
    void ignores_and_I_dont_know_answers_change_nothing_the_sender_can_read() {
        UUID alice = member("Alice", "Spammy");
        List<UUID> recipients = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            UUID r = member("R" + i, "Silent");
            recipients.add(r);
            ids.add(invited(alice, r));
        }
        clock.advance(Duration.ofDays(15)); // old enough to count for the standing
        Map<String, Object> before = senderSees(alice, ids);
        for (int i = 0; i < 6; i++) {
            post(recipients.get(i), "/invitations/" + ids.get(i) + "/ignore", null).then().statusCode(200);
        }
        for (int i = 6; i < 10; i++) {
            post(recipients.get(i), "/invitations/" + ids.get(i) + "/decline-as-unknown", null).then().statusCode(200);
        }
        // exactly what she saw before: every invitation pending, no answeredAt, the same counts and standing
        assertEquals(before, senderSees(alice, ids));
        get(alice, "/invitations/sent?size=100").then().body("total", equalTo(12))
                .body("items.status", everyItem(equalTo("pending"))).body("items.answeredAt", everyItem(nullValue()));
        get(alice, "/invitations/standing").then()
                .body("reasons", everyItem(not(containsString("ignored"))))
                .body("reasons", everyItem(not(containsString("don't know"))));

        // too many "I don't know" answers still restrict her, later, without telling which or how many
        clock.advance(Duration.ofDays(15));
        get(alice, "/invitations/standing").then().statusCode(200).body("quota", equalTo(5))
                .body("reasons", hasItem(equalTo("members you invited said they don't know you: your limit is restricted; "
                        + "invite people you know")))
                .body("reasons", everyItem(not(containsString(" 4 "))))
                .body("reasons", everyItem(not(org.hamcrest.Matchers.startsWith("4 "))));
    }

    @Test
    void a_reinvite_after_I_dont_know_answers_as_one_to_a_member_who_never_answered() {
        UUID alice = member("Alice", "Again");
        UUID bob = member("Bob", "Unknown");
        UUID carol = member("Carol", "Busy");
        String toBob = invited(alice, bob);
        String toCarol = invited(alice, carol);
        post(bob, "/invitations/" + toBob + "/decline-as-unknown", null).then().statusCode(200);
        // while open, a second invitation is refused the same way to both
        for (UUID to : List.of(bob, carol)) {
            post(alice, "/invitations", "{\"toMemberId\":\"" + to + "\"}").then().statusCode(409)
                    .body("reason", equalTo("invitation-already-pending"));
        }
        post(alice, "/invitations/" + toBob + "/withdraw", null).then().statusCode(200).body("status", equalTo("withdrawn"));
        post(alice, "/invitations/" + toCarol + "/withdraw", null).then().statusCode(200).body("status", equalTo("withdrawn"));
        clock.advance(Duration.ofDays(22));
        JsonPath again = post(alice, "/invitations", "{\"toMemberId\":\"" + bob + "\"}").then().statusCode(201)
                .extract().jsonPath();
        JsonPath innocent = post(alice, "/invitations", "{\"toMemberId\":\"" + carol + "\"}").then().statusCode(201)
                .extract().jsonPath();
        for (String field : List.of("status", "note", "relationship", "context", "mutual", "answeredAt", "introductionId")) {
            assertEquals(String.valueOf((Object) innocent.get(field)), String.valueOf((Object) again.get(field)), field);
        }
        assertEquals("pending", again.getString("status"));
        get(alice, "/invitations/" + again.getString("invitationId")).then().body("status", equalTo("pending"))
                .body("answeredAt", nullValue());
        // Bob, who said he does not know her, never sees it; Carol does
        get(bob, "/invitations/received").then().body("total", equalTo(0));
        get(carol, "/invitations/received").then().body("total", equalTo(1));
        // and it closes like any pending one
        post(alice, "/invitations/" + again.getString("invitationId") + "/withdraw", null).then().statusCode(200)
                .body("status", equalTo("withdrawn"));
    }

    @Test
    void a_block_refuses_an_accept_with_the_neutral_not_possible() {
        UUID alice = member("Alice", "Accept");
        UUID bob = member("Bob", "Accept");
        String id = invited(alice, bob);
        KafkaProbe.publish(new MemberBlocked(alice, bob, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() -> queries.blockedEitherWay(alice, bob)));
        post(bob, "/invitations/" + id + "/accept", null).then().statusCode(403).contentType("application/problem+json")
                .body("reason", equalTo("not-possible"));
    }

    @Test
    void a_name_initial_sender_shows_to_a_recipient_out_of_network_as_first_name_and_initial() {
        UUID olivia = member("Olivia", "Taylor");
        UUID bob = member("Bob", "Viewer");
        KafkaProbe.publish(new PrivacySettingsChanged(olivia, "EVERYONE", "NAME_INITIAL", true, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                "NAME_INITIAL".equals(em.createNativeQuery("SELECT profile_visibility FROM member WHERE member_id = ?1")
                        .setParameter(1, olivia).getSingleResult())));
        invited(olivia, bob);
        get(bob, "/invitations/received").then().statusCode(200)
                .body("items[0].from.firstName", equalTo("Olivia"))
                .body("items[0].from.lastName", equalTo("T."))
                .body("items[0].from.headline", nullValue());
        // a FULL member is shown in full
        UUID carol = member("Carol", "Open");
        invited(carol, bob);
        get(bob, "/invitations/received").then().body("items[0].from.lastName", equalTo("Open"))
                .body("items[0].from.headline", equalTo("Carol at Acme"));
    }

    @Test
    void a_renamed_member_is_named_by_the_new_name() {
        UUID alice = member("Alice", "Renamer");
        UUID bob = member("Bob", "Oldname");
        KafkaProbe.publish(new ProfileUpdated(bob, "Robert", "Newname", "CTO", null, null, null, null, List.of(), List.of(),
                List.of(), List.of("firstName", "lastName", "headline"), Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                "Robert".equals(MemberEntity.<MemberEntity>findById(bob).firstName)));
        post(alice, "/invitations/templates/former-colleague/render?to=" + bob, "{\"company\":\"Acme\"}")
                .then().statusCode(200).body("note", containsString("Hi Robert,"));
        invited(bob, alice);
        get(alice, "/invitations/received").then().body("items[0].from.firstName", equalTo("Robert"))
                .body("items[0].from.lastName", equalTo("Newname")).body("items[0].from.headline", equalTo("CTO"));
    }

    @Test
    void unknown_members_are_404_member_not_found() {
        UUID alice = member("Alice", "Lost");
        UUID nobody = UUID.randomUUID();
        post(alice, "/invitations", "{\"toMemberId\":\"" + nobody + "\"}").then().statusCode(404)
                .contentType("application/problem+json").body("reason", equalTo("member-not-found"));
        post(alice, "/invitations/templates/former-colleague/render?to=" + nobody, "{\"company\":\"Acme\"}")
                .then().statusCode(404).body("reason", equalTo("member-not-found"));
        post(alice, "/invitations", "{\"toMemberId\":\"" + nobody + "\",\"templateId\":\"met-at-event\","
                + "\"templateValues\":{\"event\":\"KubeCon\"}}").then().statusCode(404).body("reason", equalTo("member-not-found"));
        post(alice, "/invitations/templates/former-colleague/render?to=not-a-member-id", "{\"company\":\"Acme\"}")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("to"));
        post(alice, "/invitations/bulk", "{\"toMemberIds\":[\"" + nobody + "\"]}").then().statusCode(200)
                .body("results[0].reason", equalTo("member-not-found"));
        get(alice, "/invitations/" + UUID.randomUUID()).then().statusCode(404).body("reason", equalTo("invitation-not-found"));
    }

    @Test
    void a_page_whose_offset_would_overflow_is_a_400_on_every_list() {
        UUID alice = member("Alice", "Pager");
        for (String path : List.of("/invitations/received", "/invitations/sent", "/invitations/sent?status=all")) {
            String sep = path.contains("?") ? "&" : "?";
            get(alice, path + sep + "page=1073741824&size=2").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("page"));
            get(alice, path + sep + "page=1000000&size=100").then().statusCode(200).body("items.size()", equalTo(0));
        }
    }
}
