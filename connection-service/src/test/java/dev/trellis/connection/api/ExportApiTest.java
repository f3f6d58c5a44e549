package dev.trellis.connection.api;

import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.events.profile.ProfileUpdated;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TestTokens;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /connections/export: the caller's connections as LinkedIn's CSV columns plus tags and VIP, streamed. */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_connection_test"))
class ExportApiTest {
    static final String HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On,Tags,VIP";

    @Inject
    DataSource dataSource;

    static Response csv(UUID as) {
        return given().header("Authorization", TestTokens.bearer(as)).get("/connections/export");
    }

    static ProfileUpdated profile(UUID id, String first, String last, List<ProfileUpdated.Position> jobs) {
        return new ProfileUpdated(id, first, last, null, "Berlin", "Germany", null, null, jobs, List.of(), List.of(),
                List.of("positions"), Instant.now());
    }

    @Test
    void without_a_token_401() {
        given().get("/connections/export").then().statusCode(401);
    }

    /**
     * A is connected to B (current position with a comma, quotes and a line break in the company, a past one
     * before it; A tags and pins B) and to C (no position); D is connected to B only.
     */
    @Test
    void the_callers_connections_with_linkedins_columns_quoted_by_rfc_4180() {
        UUID a = UUID.randomUUID(), b = UUID.randomUUID(), c = UUID.randomUUID(), d = UUID.randomUUID();
        KafkaProbe.publish(new ProfileCreated(a, "Ann", "Export", null, Instant.now()));
        KafkaProbe.publish(new ProfileCreated(b, "Ben", "O'Neil, Jr.", null, Instant.now()));
        KafkaProbe.publish(new ProfileCreated(c, "Cid", "Export", null, Instant.now()));
        KafkaProbe.publish(new ProfileCreated(d, "Dot", "Export", null, Instant.now()));
        KafkaProbe.publish(profile(b, "Ben", "O'Neil, Jr.", List.of(
                new ProfileUpdated.Position("Old Co", "Intern", 2010, 2012),
                new ProfileUpdated.Position("Acme, \"Inc\"\nBerlin", "=Lead", 2020, null),
                new ProfileUpdated.Position("Side Gig", "Advisor", 2015, null))));
        KafkaProbe.publish(new InvitationAccepted(UUID.randomUUID(), a, b, Instant.parse("2026-03-05T23:30:00Z"), false));
        KafkaProbe.publish(new InvitationAccepted(UUID.randomUUID(), c, a, Instant.parse("2026-11-20T08:00:00Z"), false));
        KafkaProbe.publish(new InvitationAccepted(UUID.randomUUID(), d, b, Instant.parse("2026-01-02T08:00:00Z"), false));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().header("Authorization", TestTokens.bearer(a)).get("/members/" + a + "/connections/count")
                    .then().body("count", equalTo(2));
            given().header("Authorization", TestTokens.bearer(d)).get("/members/" + d + "/connections/count")
                    .then().body("count", equalTo(1));
            assertTrue(csv(a).asString().contains("Acme"));
        });
        given().header("Authorization", TestTokens.bearer(a)).contentType("application/json")
                .body(Map.of("tag", "work")).post("/connections/" + b + "/tags").then().statusCode(200);
        given().header("Authorization", TestTokens.bearer(a)).contentType("application/json")
                .body(Map.of("tag", "Friends")).post("/connections/" + b + "/tags").then().statusCode(200);
        given().header("Authorization", TestTokens.bearer(a)).contentType("application/json")
                .body(Map.of("memberIds", List.of(b))).put("/vips").then().statusCode(200);

        Response r = csv(a);
        r.then().statusCode(200).header("Content-Type", "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"Connections.csv\"");
        assertEquals(HEADER + "\r\n"
                + "Cid,Export,/profiles/" + c + ",,,,20 Nov 2026,,false\r\n"
                + "Ben,\"O'Neil, Jr.\",/profiles/" + b + ",,\"Acme, \"\"Inc\"\"\nBerlin\",'=Lead,05 Mar 2026,friends; work,true\r\n",
                r.asString());

        // B's export: A and D, nothing of A's other connection C
        String ofB = csv(b).asString();
        assertTrue(ofB.contains("/profiles/" + a) && ofB.contains("/profiles/" + d), ofB);
        assertFalse(ofB.contains(c.toString()), ofB);
        assertFalse(ofB.contains("friends"), "A's tags are A's own: " + ofB);
        assertEquals(3, ofB.split("\r\n").length);
        // D's export: B only
        assertEquals(HEADER + "\r\nBen,\"O'Neil, Jr.\",/profiles/" + b + ",,\"Acme, \"\"Inc\"\"\nBerlin\",'=Lead,02 Jan 2026,,false\r\n",
                csv(d).asString());
    }

    /** The archive part: A's connections with A's tags and pin, A's blocks; nothing of B's own. */
    @Test
    void the_archive_part_holds_the_callers_connections_and_blocks_only() {
        UUID a = UUID.randomUUID(), b = UUID.randomUUID(), c = UUID.randomUUID(), x = UUID.randomUUID();
        for (UUID m : List.of(a, b, c, x)) {
            KafkaProbe.publish(new ProfileCreated(m, "Arc", "Hive", null, Instant.now()));
        }
        KafkaProbe.publish(new InvitationAccepted(UUID.randomUUID(), a, b, Instant.parse("2026-05-01T10:00:00Z"), false));
        KafkaProbe.publish(new InvitationAccepted(UUID.randomUUID(), b, c, Instant.parse("2026-05-02T10:00:00Z"), false));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .header("Authorization", TestTokens.bearer(b)).get("/members/" + b + "/connections/count")
                .then().body("count", equalTo(2)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .header("Authorization", TestTokens.bearer(a)).contentType("application/json")
                .body(Map.of("memberId", x)).post("/blocks").then().statusCode(org.hamcrest.Matchers.lessThan(300)));
        given().header("Authorization", TestTokens.bearer(a)).contentType("application/json")
                .body(Map.of("tag", "mentor")).post("/connections/" + b + "/tags").then().statusCode(200);
        given().header("Authorization", TestTokens.bearer(b)).contentType("application/json")
                .body(Map.of("tag", "secret-of-b")).post("/connections/" + c + "/tags").then().statusCode(200);

        given().get("/members/me/archive-part").then().statusCode(401);
        var ofA = given().header("Authorization", TestTokens.bearer(a)).get("/members/me/archive-part").then()
                .statusCode(200).contentType("application/json").extract().jsonPath();
        assertEquals("connection", ofA.getString("service"));
        assertEquals(a.toString(), ofA.getString("memberId"));
        assertEquals(List.of(b.toString()), ofA.getList("connections.memberId"));
        assertEquals(List.of("mentor"), ofA.getList("connections[0].tags"));
        assertEquals(false, ofA.getBoolean("connections[0].vip"));
        assertEquals("2026-05-01T10:00:00Z", ofA.getString("connections[0].connectedAt"));
        assertEquals(List.of(x.toString()), ofA.getList("blocks.memberId"));
        String raw = given().header("Authorization", TestTokens.bearer(a)).get("/members/me/archive-part").asString();
        assertFalse(raw.contains(c.toString()) || raw.contains("secret-of-b"), raw);
        var ofB = given().header("Authorization", TestTokens.bearer(b)).get("/members/me/archive-part").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of(c.toString(), a.toString()), ofB.getList("connections.memberId"));
        assertEquals(List.of(), ofB.getList("blocks"));
        assertEquals(List.of(), ofB.getList("connections[1].tags"), "A's tags are A's own");
    }

    @Test
    void a_member_without_connections_gets_the_header_only() {
        UUID e = UUID.randomUUID();
        assertEquals(HEADER + "\r\n", csv(e).asString());
    }

    /**
     * 30,000 connections written directly in the tables (and removed again: the rebuild test compares the tables
     * with the topics): every one comes out, read as a stream line by line.
     */
    @Test
    void thirty_thousand_connections_stream_out() throws Exception {
        UUID owner = UUID.randomUUID();
        int n = 30_000;
        try (Connection c = dataSource.getConnection();
             PreparedStatement members = c.prepareStatement("""
                     INSERT INTO member (member_id, first_name, last_name, current_company, current_title, known)
                     SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, 'First' || g, 'Last' || g,
                            'Company ' || g, 'Title', true FROM generate_series(1, ?) g ON CONFLICT DO NOTHING""");
             PreparedStatement edges = c.prepareStatement("""
                     INSERT INTO connection (member_id, other_id, connected_at)
                     SELECT ?, ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid,
                            timestamptz '2026-01-01' + g * interval '1 minute' FROM generate_series(1, ?) g""")) {
            members.setInt(1, n);
            members.executeUpdate();
            edges.setObject(1, owner);
            edges.setInt(2, n);
            edges.executeUpdate();
        }
        try {
            expectAll(owner, n);
        } finally {
            try (Connection c = dataSource.getConnection(); PreparedStatement del = c.prepareStatement("""
                    WITH e AS (DELETE FROM connection WHERE member_id = ?)
                    DELETE FROM member WHERE member_id::text LIKE '00000000-0000-4000-8000-%'""")) {
                del.setObject(1, owner);
                del.executeUpdate();
            }
        }
    }

    private static void expectAll(UUID owner, int n) throws Exception {
        InputStream body = csv(owner).then().statusCode(200).extract().asInputStream();
        int lines = 0;
        String first = null, second = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; lines++) {
                if (lines == 0) {
                    first = line;
                } else if (lines == 1) {
                    second = line;
                }
            }
        }
        assertEquals(HEADER, first);
        assertEquals(n + 1, lines);
        String last = String.format("%012x", n);
        assertEquals("First" + n + ",Last" + n + ",/profiles/00000000-0000-4000-8000-" + last
                + ",,Company " + n + ",Title,21 Jan 2026,,false", second);
    }
}
