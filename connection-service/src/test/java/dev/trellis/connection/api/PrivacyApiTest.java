package dev.trellis.connection.api;

import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.profile.PrivacySettingsChanged;
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
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;

/**
 * Issue 12 on connection-service: who may ask what about whose connections, names as NameVisibility shows them,
 * VIP pins for the owner only, unknown members 404, huge pages 400.
 */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_connection_test"))
class PrivacyApiTest {

    static UUID member(String first, String last) {
        UUID id = UUID.randomUUID();
        KafkaProbe.publish(new ProfileCreated(id, first, last, first + "'s headline", Instant.now()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(id).get("/members/" + id + "/connections/count")
                .then().statusCode(200));
        return id;
    }

    static RequestSpecification as(UUID m) {
        return given().header("Authorization", TestTokens.bearer(m)).contentType(ContentType.JSON);
    }

    static void connect(UUID a, UUID b) {
        KafkaProbe.publish(new InvitationAccepted(UUID.randomUUID(), a, b, Instant.now(), false));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(a).get("/members/" + a + "/degree/" + b)
                .then().statusCode(200).body("degree", equalTo(1)));
    }

    /** Sets the member's privacy and waits until a stranger sees its effect on the count. */
    static void privacy(UUID m, String connections, String profile) {
        KafkaProbe.publish(new PrivacySettingsChanged(m, connections, profile, false, Instant.now()));
        UUID stranger = UUID.randomUUID();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var count = as(stranger).get("/members/" + m + "/connections/count").then().statusCode(200);
            if ("ONLY_ME".equals(connections)) {
                count.body("count", nullValue());
            } else {
                count.body("count", org.hamcrest.Matchers.notNullValue());
            }
        });
        // the name visibility arrives with the same event, in the same transaction
    }

    @Test
    void mutual_connections_are_asked_by_one_of_the_two_and_never_of_a_member_with_themself() {
        UUID a = member("Ava", "Private");
        UUID x = member("Xen", "Other");
        UUID c1 = member("Cal", "One");
        UUID c2 = member("Cem", "Two");
        UUID stranger = member("Sid", "Stranger");
        connect(a, c1);
        connect(a, c2);
        connect(x, c1);
        privacy(a, "ONLY_ME", "FULL");

        // the side door of issue 12 #1: a's whole private list as "mutual with themself"
        as(stranger).get("/members/" + a + "/mutual/" + a).then().statusCode(403)
                .contentType(containsString("application/problem+json")).body("reason", equalTo("not-yourself"));
        as(a).get("/members/" + a + "/mutual/" + a).then().statusCode(400)
                .contentType(containsString("application/problem+json"));
        // a ∩ x for a third member
        as(stranger).get("/members/" + a + "/mutual/" + x).then().statusCode(403).body("reason", equalTo("not-yourself"));
        // one of the two: allowed (mutual connections are the exception), either order
        as(x).get("/members/" + a + "/mutual/" + x).then().statusCode(200).body("total", equalTo(1))
                .body("items.memberId", contains(c1.toString()));
        as(x).get("/members/" + x + "/mutual/" + a).then().statusCode(200).body("total", equalTo(1));
        // unknown members
        as(a).get("/members/" + a + "/mutual/" + UUID.randomUUID()).then().statusCode(404)
                .body("reason", equalTo("member-not-found"));
    }

    @Test
    void degree_and_paths_are_the_callers_own_and_counts_follow_the_owners_setting() {
        UUID a = member("Ada", "Owner");
        UUID b = member("Bea", "Friend");
        UUID stranger = member("Sol", "Stranger");
        connect(a, b);
        as(stranger).get("/members/" + a + "/degree/" + b).then().statusCode(403)
                .contentType(containsString("application/problem+json")).body("reason", equalTo("not-yourself"));
        as(stranger).get("/members/" + a + "/paths/" + b).then().statusCode(403).body("reason", equalTo("not-yourself"));
        as(a).get("/members/" + a + "/degree/" + b).then().statusCode(200).body("degree", equalTo(1));
        as(stranger).get("/members/" + stranger + "/degree/" + a).then().statusCode(200).body("degree", nullValue());

        // EVERYONE: the counts are public
        as(stranger).get("/members/" + a + "/connections/count").then().statusCode(200).body("count", equalTo(1));
        as(stranger).get("/members/" + a + "/network-size").then().statusCode(200).body("firstDegree", equalTo(1));
        privacy(a, "ONLY_ME", "FULL");
        as(stranger).get("/members/" + a + "/connections/count").then().statusCode(200).body("count", nullValue());
        as(stranger).get("/members/" + a + "/network-size").then().statusCode(200)
                .body("firstDegree", nullValue()).body("secondDegree", nullValue()).body("thirdDegree", nullValue());
        as(b).get("/members/" + a + "/network-size").then().statusCode(200).body("firstDegree", nullValue());
        // the owner always sees their own
        as(a).get("/members/" + a + "/connections/count").then().statusCode(200).body("count", equalTo(1));
        as(a).get("/members/" + a + "/network-size").then().statusCode(200).body("firstDegree", equalTo(1))
                .body("secondDegree", equalTo(0));
    }

    /**
     * <pre>
     *   me - x1 - y1 - t      y1 keeps their list private: the path through y1 is not named
     *   me - x2 - y2 - t      named while t shows their connections
     *   me - x1 - z           z private: still named (x1 is a mutual connection of me and z)
     * </pre>
     */
    @Test
    void a_path_never_names_a_connection_its_owner_keeps_private() {
        UUID me = member("Moe", "Me");
        UUID x1 = member("Xia", "One");
        UUID x2 = member("Xol", "Two");
        UUID y1 = member("Yan", "Hidden");
        UUID y2 = member("Yul", "Open");
        UUID t = member("Tia", "Target");
        UUID z = member("Zed", "Private");
        connect(me, x1);
        connect(me, x2);
        connect(x1, y1);
        connect(x2, y2);
        connect(y1, t);
        connect(y2, t);
        connect(x1, z);
        privacy(y1, "ONLY_ME", "FULL");
        privacy(z, "ONLY_ME", "FULL");
        privacy(t, "EVERYONE", "NAME_INITIAL");

        as(me).get("/members/" + me + "/paths/" + t).then().statusCode(200).body("degree", equalTo(3))
                .body("paths.size()", equalTo(1))
                .body("paths[0].memberId", contains(me.toString(), x2.toString(), y2.toString(), t.toString()))
                // t is 3rd degree from me and shows only name and initial out of network
                .body("paths[0][3].firstName", equalTo("Tia")).body("paths[0][3].lastName", equalTo("T."))
                .body("paths[0][3].headline", nullValue()).body("paths[0][3].restricted", equalTo(true))
                .body("paths[0][2].lastName", equalTo("Open")).body("paths[0][2].restricted", equalTo(false));
        as(me).get("/members/" + me + "/paths/" + z).then().statusCode(200).body("degree", equalTo(2))
                .body("paths.size()", equalTo(1))
                .body("paths[0].memberId", contains(me.toString(), x1.toString(), z.toString()));

        privacy(t, "ONLY_ME", "NAME_INITIAL");
        as(me).get("/members/" + me + "/paths/" + t).then().statusCode(200).body("degree", equalTo(3))
                .body("paths.size()", equalTo(0));
        as(me).get("/members/" + me + "/paths/" + UUID.randomUUID()).then().statusCode(404)
                .body("reason", equalTo("member-not-found"));
    }

    @Test
    void names_follow_name_visibility_at_the_real_degree_and_vip_pins_are_the_owners_only() {
        UUID owner = member("Olga", "Owner");
        UUID nora = member("Nora", "Taylor");
        UUID pia = member("Pia", "Pinned");
        UUID friend = member("Finn", "Friend");
        UUID far = member("Fay", "Faraway");
        connect(owner, nora);
        connect(owner, pia);
        connect(owner, friend);
        privacy(nora, "EVERYONE", "NAME_INITIAL");
        as(owner).body("{\"memberIds\":[\"" + pia + "\"]}").put("/vips").then().statusCode(200);

        // the owner: VIP first with its flag, full names
        as(owner).get("/members/" + owner + "/connections?sort=firstName").then().statusCode(200)
                .body("items.memberId", contains(pia.toString(), friend.toString(), nora.toString()))
                .body("items.vip", contains(true, false, false))
                .body("items.find { it.firstName == 'Nora' }.lastName", equalTo("Taylor"));
        // a far viewer (Nora is 3rd degree or farther): Nora restricted; no pins, plain order
        as(far).get("/members/" + owner + "/connections?sort=firstName").then().statusCode(200)
                .body("items.memberId", contains(friend.toString(), nora.toString(), pia.toString()))
                .body("items.vip", everyItem(equalTo(false)))
                .body("items.find { it.firstName == 'Nora' }.lastName", equalTo("T."))
                .body("items.find { it.firstName == 'Nora' }.headline", nullValue())
                .body("items.find { it.firstName == 'Nora' }.restricted", equalTo(true));
        // a 2nd-degree viewer (friend - owner - nora) sees her in full
        as(friend).get("/members/" + owner + "/connections?sort=firstName").then().statusCode(200)
                .body("items.find { it.firstName == 'Nora' }.lastName", equalTo("Taylor"))
                .body("items.find { it.firstName == 'Nora' }.restricted", equalTo(false))
                .body("items.vip", everyItem(equalTo(false)));
        // mutual list (friend and nora share owner; far asks nothing of them)
        as(friend).get("/members/" + friend + "/mutual/" + nora).then().statusCode(200)
                .body("items.memberId", contains(owner.toString()));
    }

    @Test
    void a_far_viewers_company_or_city_filter_never_matches_a_restricted_member() {
        UUID owner = member("Oda", "Owner");
        UUID nina = member("Nina", "Initial");
        UUID far = member("Fritz", "Far");
        connect(owner, nina);
        KafkaProbe.publish(new dev.trellis.events.profile.ProfileUpdated(nina, "Nina", "Initial", "CTO", "Berlin",
                "Germany", "Software", null, List.of(), List.of(), List.of(), List.of(), Instant.now()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(owner)
                .get("/members/" + owner + "/connections?location=berlin").then().body("total", equalTo(1)));
        privacy(nina, "EVERYONE", "NAME_INITIAL");
        as(far).get("/members/" + owner + "/connections?location=berlin").then().statusCode(200).body("total", equalTo(0));
        as(far).get("/members/" + owner + "/connections").then().statusCode(200).body("total", equalTo(1));
        as(owner).get("/members/" + owner + "/connections?location=berlin").then().body("total", equalTo(1));
    }

    @Test
    void every_member_id_this_service_does_not_know_is_404_member_not_found() {
        UUID me = member("Una", "Known");
        String ghost = UUID.randomUUID().toString();
        check(as(me).body("{\"memberId\":\"" + ghost + "\"}").post("/blocks"));
        check(as(me).delete("/blocks/" + ghost));
        check(as(me).delete("/connections/" + ghost));
        check(as(me).body("{\"memberId\":\"" + ghost + "\",\"reason\":\"other\"}").post("/pymk/dismissals"));
        check(as(me).body("{\"tag\":\"x\"}").post("/connections/" + ghost + "/tags"));
        check(as(me).delete("/connections/" + ghost + "/tags/x"));
        check(as(me).body("{\"memberIds\":[\"" + ghost + "\"]}").put("/vips"));
        check(as(me).get("/members/" + ghost + "/connections"));
        check(as(me).get("/members/" + ghost + "/connections/count"));
        check(as(me).get("/members/" + ghost + "/network-size"));
        check(as(me).get("/members/" + me + "/degree/" + ghost));
        check(as(me).get("/members/" + me + "/mutual/" + ghost));
        check(as(me).get("/members/" + ghost + "/mutual/" + me));
        check(as(me).get("/members/" + me + "/paths/" + ghost));
        UUID unknownCaller = UUID.fromString(ghost);
        check(as(unknownCaller).get("/members/" + ghost + "/pymk"));
        check(as(unknownCaller).get("/members/" + ghost + "/degree/" + me));
    }

    static void check(io.restassured.response.Response r) {
        r.then().statusCode(404).contentType(containsString("application/problem+json"))
                .body("reason", equalTo("member-not-found"));
    }

    @Test
    void a_page_past_the_paging_cap_is_a_400_problem_on_every_list() {
        UUID me = member("Pat", "Pager");
        UUID other = member("Ola", "Other");
        for (String path : List.of("/members/" + me + "/connections", "/members/" + me + "/mutual/" + other,
                "/members/" + me + "/pymk", "/blocks")) {
            as(me).get(path + "?page=1073741824&size=2").then().statusCode(400)
                    .contentType(containsString("application/problem+json")).body("reason", equalTo("validation-failed"));
        }
        as(me).get("/members/" + me + "/connections?page=1000000&size=100").then().statusCode(200)
                .body("items.size()", equalTo(0));
    }

    static void worksAt(UUID m, String first, String last, String company) {
        KafkaProbe.publish(new dev.trellis.events.profile.ProfileUpdated(m, first, last, "Engineer", "Berlin", "Germany",
                "Software", null, List.of(new dev.trellis.events.profile.ProfileUpdated.Position(company, "Engineer", 2020, null)),
                List.of(), List.of(), List.of(), Instant.now()));
    }

    @Test
    void a_restricted_member_in_suggestions_and_paths_shows_no_company_city_or_groups() {
        UUID me = member("Max", "Viewer");
        UUID sara = member("Sara", "Secret");
        UUID open = member("Olli", "Open");
        String acme = "Acme " + UUID.randomUUID().toString().substring(0, 8); // no other test's member works there
        worksAt(me, "Max", "Viewer", acme);
        worksAt(sara, "Sara", "Secret", acme);
        worksAt(open, "Olli", "Open", acme);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(me).get("/members/" + me + "/pymk")
                .then().statusCode(200).body("items.member.memberId", containsInAnyOrder(sara.toString(), open.toString())));
        privacy(sara, "EVERYONE", "NAME_INITIAL");
        as(me).get("/members/" + me + "/pymk").then().statusCode(200)
                .body("items.find { it.member.memberId == '" + sara + "' }.member.lastName", equalTo("S."))
                .body("items.find { it.member.memberId == '" + sara + "' }.member.restricted", equalTo(true))
                .body("items.find { it.member.memberId == '" + sara + "' }.reasons", org.hamcrest.Matchers.empty())
                .body("items.find { it.member.memberId == '" + open + "' }.reasons",
                        contains("also works at " + acme, "also in Berlin"));
        as(me).get("/members/" + me + "/paths/" + sara).then().statusCode(200).body("degree", nullValue())
                .body("sharedCompanies", org.hamcrest.Matchers.empty());
        as(me).get("/members/" + me + "/paths/" + open).then().statusCode(200)
                .body("sharedCompanies", contains(acme));
    }
}
