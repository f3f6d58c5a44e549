package dev.trellis.connection.api;

import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.invitation.InvitationSent;
import dev.trellis.events.invitation.InvitationWithdrawn;
import dev.trellis.events.profile.GroupCreated;
import dev.trellis.events.profile.GroupJoined;
import dev.trellis.events.profile.GroupLeft;
import dev.trellis.events.profile.PrivacySettingsChanged;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.events.profile.ProfileUpdated;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TestTokens;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * What connection-service learns from profile and invitation events: suggestions ranked and explained by
 * mutual connections, companies, schools, groups and city, without members one has a pending invitation with;
 * "how you are connected"; list filters and the owner's privacy setting.
 */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_connection_test"))
class NetworkFactsApiTest {
    static final int[][] EDGES = NetworkApiTest.EDGES;

    /** Ids that sort like their numbers, so that ties (broken by member id) have a known order. */
    static UUID[] orderedIds(int n) {
        long high = ThreadLocalRandom.current().nextLong() & 0x7fff_ffff_ffff_0fffL | 0x4000L;
        UUID[] ids = new UUID[n];
        for (int i = 0; i < n; i++) {
            ids[i] = new UUID(high, 0x8000_0000_0000_0000L | (i + 1));
        }
        return ids;
    }

    static ValidatableResponse get(UUID as, String path) {
        return given().header("Authorization", TestTokens.bearer(as)).get(path).then();
    }

    static ProfileUpdated profile(UUID id, String first, String city, String industry, List<ProfileUpdated.Position> jobs,
                                  List<ProfileUpdated.Education> schools) {
        String country = city.equalsIgnoreCase("Paris") ? "France" : "Germany";
        return new ProfileUpdated(id, first, "Facts", first + "'s headline", city, country, industry, null, jobs,
                schools, List.of(), List.of("positions"), Instant.now());
    }

    @Test
    void pymk_of_every_member_of_the_hand_drawn_graph() {
        UUID[] m = orderedIds(12);
        for (int i = 0; i < 12; i++) {
            KafkaProbe.publish(new ProfileCreated(m[i], "M" + i, "Graph", null, Instant.now()));
        }
        for (int[] e : EDGES) {
            KafkaProbe.publish(new InvitationAccepted(UUID.randomUUID(), m[e[0]], m[e[1]], Instant.now(), false));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (int[] e : EDGES) {
                get(m[e[0]], "/members/" + m[e[0]] + "/degree/" + m[e[1]]).body("degree", equalTo(1));
            }
        });
        // drawn by hand from the picture in NetworkApiTest: friends of friends, more mutual connections first,
        // ties by member id
        int[][] expected = {{4, 5}, {3, 6}, {3, 6}, {1, 2, 6}, {0, 5, 7}, {0, 4, 7}, {1, 2, 3, 8}, {4, 5}, {6}, {}, {}, {}};
        int[][] mutualCounts = {{2, 1}, {1, 1}, {1, 1}, {1, 1, 1}, {2, 1, 1}, {1, 1, 1}, {1, 1, 1, 1}, {1, 1}, {1}, {}, {}, {}};
        for (int i = 0; i < 12; i++) {
            List<String> ids = new ArrayList<>();
            List<Integer> counts = new ArrayList<>();
            for (int k = 0; k < expected[i].length; k++) {
                ids.add(m[expected[i][k]].toString());
                counts.add(mutualCounts[i][k]);
            }
            var r = get(m[i], "/members/" + m[i] + "/pymk").statusCode(200).body("total", equalTo(ids.size()));
            if (ids.isEmpty()) {
                r.body("items", empty());
            } else {
                r.body("items.member.memberId", contains(ids.toArray())).body("items.mutualConnections", contains(counts.toArray()));
            }
        }
        // every mutual list, against set intersection of the drawn edges
        for (int a = 0; a < 12; a++) {
            for (int b = a + 1; b < 12; b++) {
                Set<Integer> common = new TreeSet<>(neighbours(a));
                common.retainAll(neighbours(b));
                List<String> names = common.stream().map(x -> "M" + x).toList();
                get(m[a], "/members/" + m[a] + "/mutual/" + m[b]).statusCode(200).body("total", equalTo(names.size()))
                        .body("items.firstName", containsInAnyOrder(names.toArray()));
            }
        }
    }

    static Set<Integer> neighbours(int x) {
        Set<Integer> n = new TreeSet<>();
        for (int[] e : EDGES) {
            if (e[0] == x) {
                n.add(e[1]);
            } else if (e[1] == x) {
                n.add(e[0]);
            }
        }
        return n;
    }

    /**
     * <pre>
     *   A - B - C      A: works at Acme, studied at MIT, lives in Berlin, in the group "Kotlin Devs"
     *       | /        C: worked at Acme          E: works at Acme (no connections)
     *       D          F: lives in Berlin, in "Kotlin Devs"     D: A has invited D (pending)
     * </pre>
     */
    @Test
    void suggestions_are_ranked_and_explained_by_what_members_share_and_skip_pending_invitations() {
        UUID[] ids = orderedIds(6);
        UUID a = ids[0], b = ids[1], c = ids[2], d = ids[3], e = ids[4], f = ids[5];
        String[] names = {"Ann", "Ben", "Cid", "Dot", "Eve", "Fay"};
        for (int i = 0; i < 6; i++) {
            KafkaProbe.publish(new ProfileCreated(ids[i], names[i], "Facts", null, Instant.now()));
        }
        KafkaProbe.publish(profile(a, "Ann", "Berlin", "Software",
                List.of(new ProfileUpdated.Position("Acme", "Engineer", 2020, null)),
                List.of(new ProfileUpdated.Education("MIT", "BSc", 2014, 2018))));
        KafkaProbe.publish(profile(c, "Cid", "Hamburg", "Software",
                List.of(new ProfileUpdated.Position(" acme ", "Engineer", 2015, 2019)), List.of()));
        KafkaProbe.publish(profile(e, "Eve", "Munich", "Finance",
                List.of(new ProfileUpdated.Position("ACME", "CFO", 2021, null)), List.of()));
        KafkaProbe.publish(profile(f, "Fay", "berlin", "Design", List.of(), List.of()));
        UUID group = UUID.randomUUID();
        KafkaProbe.publish(new GroupCreated(group, "Kotlin Devs", "", a, Instant.now()));
        KafkaProbe.publish(new GroupJoined(group, a, Instant.now()));
        KafkaProbe.publish(new GroupJoined(group, f, Instant.now()));
        UUID ab = UUID.randomUUID();
        KafkaProbe.publish(new InvitationSent(ab, a, b, "Hi Ben", "colleague", "Acme", null, Instant.now(),
                Instant.now().plus(Duration.ofDays(180))));
        KafkaProbe.publish(new InvitationAccepted(ab, a, b, Instant.now(), false));
        KafkaProbe.publish(new InvitationAccepted(UUID.randomUUID(), b, c, Instant.now(), false));
        KafkaProbe.publish(new InvitationAccepted(UUID.randomUUID(), b, d, Instant.now(), false));
        KafkaProbe.publish(new InvitationAccepted(UUID.randomUUID(), c, d, Instant.now(), false));
        UUID ad = UUID.randomUUID();
        KafkaProbe.publish(new InvitationSent(ad, a, d, null, null, null, null, Instant.now(),
                Instant.now().plus(Duration.ofDays(180))));

        // C: 1 mutual + past company (4); E: current company (4, fewer mutuals); F: group + city (2); D: pending
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(a, "/members/" + a + "/pymk")
                .statusCode(200).body("items.member.memberId", contains(c.toString(), e.toString(), f.toString())));
        get(a, "/members/" + a + "/pymk")
                .body("items[0].reasons", contains("1 mutual connection", "also worked at Acme"))
                .body("items[1].reasons", contains("also works at Acme"))
                .body("items[1].mutualConnections", equalTo(0))
                .body("items[2].reasons", contains("also a member of Kotlin Devs", "also in Berlin"))
                .body("items[2].member.firstName", equalTo("Fay"));
        // D is invited by A, so D does not suggest A either
        get(d, "/members/" + d + "/pymk").body("items", empty());

        // the invitation is withdrawn: D comes back, with its one mutual connection
        KafkaProbe.publish(new InvitationWithdrawn(ad, a, d, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(a, "/members/" + a + "/pymk")
                .body("items.member.memberId", contains(c.toString(), e.toString(), f.toString(), d.toString())));
        get(d, "/members/" + d + "/pymk").body("items.member.memberId", contains(a.toString()));

        // F leaves the group: a city alone only breaks ties, it does not make a suggestion
        KafkaProbe.publish(new GroupLeft(group, f, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(a, "/members/" + a + "/pymk")
                .body("items.member.memberId", contains(c.toString(), e.toString(), d.toString())));

        // how A and C are connected: through B, and both at Acme
        get(a, "/members/" + a + "/paths/" + c).statusCode(200).body("degree", equalTo(2))
                .body("paths[0].firstName", contains("Ann", "Ben", "Cid"))
                .body("sharedCompanies", contains("Acme")).body("sharedSchools", empty()).body("sharedGroups", empty());
    }

    @Test
    void lists_filter_by_location_company_and_industry_and_a_private_list_shows_only_mutual_connections() {
        UUID[] ids = orderedIds(5);
        UUID a = ids[0], b = ids[1], c = ids[2], d = ids[3], x = ids[4];
        String[] names = {"Ann", "Ben", "Cid", "Dot", "Xen"};
        for (int i = 0; i < 5; i++) {
            KafkaProbe.publish(new ProfileCreated(ids[i], names[i], "List", null, Instant.now()));
        }
        KafkaProbe.publish(profile(a, "Ann", "Berlin", "Software",
                List.of(new ProfileUpdated.Position("Acme", "Engineer", 2020, null)), List.of()));
        KafkaProbe.publish(profile(c, "Cid", "Hamburg", "software",
                List.of(new ProfileUpdated.Position("Acme", "Engineer", 2015, 2019)), List.of()));
        KafkaProbe.publish(profile(d, "Dot", "Paris", "Finance", List.of(), List.of()));
        UUID ba = UUID.randomUUID();
        KafkaProbe.publish(new InvitationSent(ba, b, a, null, "colleague", "Acme", null, Instant.now(),
                Instant.now().plus(Duration.ofDays(180))));
        KafkaProbe.publish(new InvitationAccepted(ba, b, a, Instant.now(), false));
        KafkaProbe.publish(new InvitationAccepted(UUID.randomUUID(), b, c, Instant.now(), false));
        KafkaProbe.publish(new InvitationAccepted(UUID.randomUUID(), b, d, Instant.now(), false));
        KafkaProbe.publish(new InvitationAccepted(UUID.randomUUID(), x, d, Instant.now(), false));
        String list = "/members/" + b + "/connections";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(b, list + "?industry=SOFTWARE")
                .body("items.firstName", containsInAnyOrder("Ann", "Cid")));
        get(b, list + "?location=berlin").body("items.firstName", contains("Ann")).body("total", equalTo(1));
        get(b, list + "?location=germany&sort=firstName").body("items.firstName", contains("Ann", "Cid"));
        get(b, list + "?company=ACME&sort=lastName").body("items.firstName", containsInAnyOrder("Ann", "Cid"));
        get(b, list + "?company=Initech").body("total", equalTo(0));
        get(b, list + "?location=" + "x".repeat(101)).statusCode(400);
        // how B knows A is B's own business
        get(b, list + "?location=berlin").body("items[0].relationship", equalTo("colleague"))
                .body("items[0].context", equalTo("Acme"));
        get(x, list + "?location=berlin").body("items[0].relationship", nullValue());

        // B shows the list to nobody: X sees only whom X and B both know (D); B still sees everyone
        KafkaProbe.publish(new PrivacySettingsChanged(b, "ONLY_ME", "FULL", true, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(x, list).header("X-Trellis-List-Visibility",
                "mutual-only").body("items.firstName", contains("Dot")).body("total", equalTo(1)));
        get(b, list).header("X-Trellis-List-Visibility", "all").body("total", equalTo(3));
        get(a, list).body("items", empty());
        KafkaProbe.publish(new PrivacySettingsChanged(b, "EVERYONE", "FULL", true, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(x, list).body("total", equalTo(3)));
    }
}
