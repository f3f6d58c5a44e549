package dev.trellis.notification.api;

import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.invitation.InvitationSent;
import dev.trellis.events.invitation.InvitationWithdrawn;
import dev.trellis.notification.application.BadgeBroadcaster;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TestTokens;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import static dev.trellis.notification.api.NotificationApiTest.member;
import static dev.trellis.notification.api.NotificationApiTest.now;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live badge over Server-Sent Events, read by a real HTTP client, fed through the real broker. */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_notification_test"))
class BadgeStreamApiTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/badges/stream")
    URI stream;
    @Inject
    BadgeBroadcaster broadcaster;
    @Inject
    dev.trellis.notification.application.MessagingService messaging;

    /** The stream's URL with a fresh ticket (POST /badges/stream-tickets with the member's token). */
    URI withToken(UUID member) {
        return URI.create(stream + "?ticket=" + ticket(TestTokens.forMember(member)));
    }

    static String ticket(String token) {
        return given().header("Authorization", "Bearer " + token).post("/badges/stream-tickets")
                .then().statusCode(201).body("expiresIn", org.hamcrest.Matchers.equalTo(30))
                .extract().jsonPath().getString("ticket");
    }

    @Test
    void the_inviter_gets_the_accepted_invitation_pushed_to_every_open_session() throws Exception {
        UUID olivia = member("Olivia", "Taylor");
        UUID chris = member("Chris", "Cooper");
        try (SseClient tab1 = SseClient.open(stream, TestTokens.bearer(chris));
             SseClient tab2 = SseClient.open(withToken(chris), null)) {
            assertEquals(200, tab1.status);
            assertTrue(tab1.contentType.startsWith("text/event-stream"), tab1.contentType);
            // the current counts at once
            assertEquals(0, tab1.next(WAIT).getLong("myNetwork"));
            assertEquals(0, tab2.next(WAIT).getLong("myNetwork"));

            UUID inv = UUID.randomUUID();
            KafkaProbe.publish(new InvitationSent(inv, chris, olivia, null, null, null, null, now(), null));
            KafkaProbe.publish(new InvitationAccepted(inv, chris, olivia, now(), false));

            JsonPath pushed1 = tab1.await(b -> b.getLong("myNetwork") == 1, WAIT);
            JsonPath pushed2 = tab2.await(b -> b.getLong("myNetwork") == 1, WAIT);
            assertEquals(0, pushed1.getLong("messages"));
            assertEquals(pushed1.getLong("asOf"), pushed2.getLong("asOf"));

            // seeing the tab in one session clears the badge in the other
            given().header("Authorization", TestTokens.bearer(chris))
                    .post("/badges/my-network/seen?asOf=" + pushed1.getLong("asOf")).then().statusCode(200);
            tab2.await(b -> b.getLong("myNetwork") == 0, WAIT);
        }
    }

    @Test
    void a_withdrawn_invitation_takes_the_pushed_count_back() throws Exception {
        UUID alice = member("Alice", "Smith");
        UUID bob = member("Bob", "Jones");
        try (SseClient bobs = SseClient.open(withToken(bob), null)) {
            assertEquals(0, bobs.next(WAIT).getLong("myNetwork"));
            UUID inv = UUID.randomUUID();
            KafkaProbe.publish(new InvitationSent(inv, alice, bob, "Hi Bob", null, null, null, now(), null));
            bobs.await(b -> b.getLong("myNetwork") == 1, WAIT);
            KafkaProbe.publish(new InvitationWithdrawn(inv, alice, bob, now()));
            bobs.await(b -> b.getLong("myNetwork") == 0, WAIT);
        }
    }

    @Test
    void only_the_member_s_own_changes_are_pushed() throws Exception {
        UUID alice = member("Alice", "Smith");
        UUID bob = member("Bob", "Jones");
        UUID carol = member("Carol", "White");
        try (SseClient alices = SseClient.open(withToken(alice), null)) {
            assertNotNull(alices.next(WAIT));
            KafkaProbe.publish(new InvitationSent(UUID.randomUUID(), bob, carol, null, null, null, null, now(), null));
            await().atMost(WAIT).until(() -> NotificationApiTest.myNetwork(carol) == 1);
            assertNull(alices.next(Duration.ofMillis(500)));
        }
    }

    /**
     * Another replica (here: a plain database session) changes a member's notifications and sends the NOTIFY
     * every replica listens to: this replica drops its cached counts and pushes the new ones.
     */
    @Test
    void a_change_committed_by_another_replica_is_pushed_and_read_here() throws Exception {
        UUID alice = member("Alice", "Smith");
        UUID bob = member("Bob", "Jones");
        KafkaProbe.publish(new InvitationSent(UUID.randomUUID(), alice, bob, null, null, null, null, now(), null));
        await().atMost(WAIT).until(() -> NotificationApiTest.myNetwork(bob) == 1);
        assertEquals(1, NotificationApiTest.myNetwork(bob)); // cached now
        try (SseClient bobs = SseClient.open(withToken(bob), null)) {
            assertEquals(1, bobs.next(WAIT).getLong("myNetwork"));
            seenByAnotherReplica(bob, 1);
            bobs.await(b -> b.getLong("myNetwork") == 0, WAIT);
            assertEquals(0, NotificationApiTest.myNetwork(bob));
        }
    }

    /**
     * What another replica does when the member sees their notifications: in a plain database session of its own,
     * marks them seen ({@code expected} rows) and sends the NOTIFY every replica listens to, in one transaction.
     */
    static void seenByAnotherReplica(UUID member, int expected) throws java.sql.SQLException {
        try (java.sql.Connection c = anotherReplicasSession()) {
            c.setAutoCommit(false);
            try (var ps = c.prepareStatement("UPDATE notification SET seen = true WHERE recipient = ?")) {
                ps.setObject(1, member);
                assertEquals(expected, ps.executeUpdate());
            }
            try (var ps = c.prepareStatement("SELECT pg_notify('" + BadgeBroadcaster.CHANNEL + "', ?)")) {
                ps.setString(1, member.toString());
                ps.execute();
            }
            c.commit();
        }
    }

    @Test
    void a_message_pushes_the_recipient_s_messages_count_and_reading_it_clears_it() throws Exception {
        UUID olivia = member("Olivia", "Taylor");
        UUID chris = member("Chris", "Cooper");
        UUID[] p = olivia.compareTo(chris) <= 0 ? new UUID[]{olivia, chris} : new UUID[]{chris, olivia};
        KafkaProbe.publish(new dev.trellis.events.connection.ConnectionMade(p[0], p[1], UUID.randomUUID(), now()));
        await().atMost(WAIT).until(() -> messaging.facts(olivia, chris).connected());
        try (SseClient oliviaStream = SseClient.open(withToken(olivia), null)) {
            assertEquals(0, oliviaStream.next(WAIT).getLong("messages"));
            String conversation = given().header("Authorization", TestTokens.bearer(chris))
                    .contentType("application/json").body(java.util.Map.of("to", olivia.toString(), "text", "Hi!"))
                    .post("/messages").then().statusCode(201).extract().jsonPath().getString("conversationId");
            oliviaStream.await(b -> b.getLong("messages") == 1, WAIT);
            given().header("Authorization", TestTokens.bearer(olivia)).post("/conversations/" + conversation + "/read")
                    .then().statusCode(200);
            oliviaStream.await(b -> b.getLong("messages") == 0, WAIT);
        }
    }

    @Test
    void an_open_stream_gets_a_heartbeat_comment() throws Exception {
        UUID erin = member("Erin", "Hall");
        try (SseClient s = SseClient.open(withToken(erin), null)) {
            assertNotNull(s.next(WAIT));
            assertEquals("keep-alive", s.comments.poll(10, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    @Test
    void a_stream_needs_a_valid_token() throws Exception {
        try (SseClient none = SseClient.open(stream, null)) {
            assertEquals(401, none.status);
        }
        try (SseClient bad = SseClient.open(URI.create(stream + "?ticket=not-a-ticket"), null)) {
            assertEquals(401, bad.status);
        }
        try (SseClient forged = SseClient.open(stream, "Bearer " + TestTokens.forMember(UUID.randomUUID()) + "x")) {
            assertEquals(401, forged.status);
        }
    }

    @Test
    void a_closed_stream_leaves_the_broadcaster() throws Exception {
        UUID dave = member("Dave", "Brown");
        int before;
        try (SseClient s = SseClient.open(withToken(dave), null)) {
            assertNotNull(s.next(WAIT));
            before = broadcaster.openSessions();
            assertTrue(before >= 1);
        }
        // the next push to the closed session fails and removes it
        KafkaProbe.publish(new InvitationSent(UUID.randomUUID(), UUID.randomUUID(), dave, null, null, null, null, now(), null));
        KafkaProbe.publish(new InvitationSent(UUID.randomUUID(), UUID.randomUUID(), dave, null, null, null, null, now(), null));
        await().atMost(WAIT).until(() -> broadcaster.openSessions() < before);
    }

    @Inject
    dev.trellis.testing.TestClock clock;

    @org.junit.jupiter.api.AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void the_token_in_the_url_is_not_accepted_a_ticket_opens_one_stream_once() throws Exception {
        UUID frank = member("Frank", "Moss");
        String token = TestTokens.forMember(frank);
        // ?access_token= is gone: tokens in URLs end up in logs
        try (SseClient s = SseClient.open(URI.create(stream + "?access_token=" + token), null)) {
            assertEquals(401, s.status);
            assertTrue(s.contentType.startsWith("application/problem+json"), s.contentType);
        }
        // a ticket needs a token; it opens the stream once
        given().post("/badges/stream-tickets").then().statusCode(401);
        String ticket = ticket(token);
        URI url = URI.create(stream + "?ticket=" + ticket);
        try (SseClient s = SseClient.open(url, null)) {
            assertEquals(200, s.status);
            assertEquals(0, s.next(WAIT).getLong("myNetwork"));
        }
        try (SseClient again = SseClient.open(url, null)) {
            assertEquals(401, again.status);
            assertTrue(again.refusal.contains("invalid-ticket"), again.refusal);
        }
        // an unused ticket expires after 30 seconds
        String late = ticket(token);
        clock.advance(Duration.ofSeconds(31));
        try (SseClient s = SseClient.open(URI.create(stream + "?ticket=" + late), null)) {
            assertEquals(401, s.status);
        }
    }

    @Test
    void a_ticket_is_bound_to_its_member() throws Exception {
        UUID gina = member("Gina", "Park");
        try (SseClient s = SseClient.open(withToken(gina), null)) {
            assertEquals(200, s.status);
            assertNotNull(s.next(WAIT));
            // a change for Gina is pushed to the ticket's stream
            KafkaProbe.publish(new InvitationSent(UUID.randomUUID(), UUID.randomUUID(), gina, null, null, null, null, now(), null));
            s.await(b -> b.getLong("myNetwork") == 1, WAIT);
        }
    }

    @Test
    void a_member_has_at_most_five_streams() throws Exception {
        UUID hank = member("Hank", "Ray");
        java.util.List<SseClient> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                SseClient s = SseClient.open(stream, TestTokens.bearer(hank));
                open.add(s);
                assertEquals(200, s.status);
                assertNotNull(s.next(WAIT));
            }
            try (SseClient sixth = SseClient.open(withToken(hank), null)) {
                assertEquals(429, sixth.status);
                assertTrue(sixth.contentType.startsWith("application/problem+json"), sixth.contentType);
                assertTrue(sixth.refusal.contains("too-many-streams"), sixth.refusal);
            }
            // another member is not affected
            try (SseClient other = SseClient.open(stream, TestTokens.bearer(member("Ivy", "Ray")))) {
                assertEquals(200, other.status);
            }
            // one closed (noticed at the next heartbeat): a new one opens
            open.remove(0).close();
            await().atMost(WAIT).until(() -> broadcaster.openSessions(hank) < 5);
            try (SseClient s = SseClient.open(stream, TestTokens.bearer(hank))) {
                assertEquals(200, s.status);
            }
        } finally {
            open.forEach(SseClient::close);
        }
    }

    @Test
    void the_replica_holds_at_most_sse_max_total_streams() throws Exception {
        await().atMost(WAIT).until(() -> broadcaster.openSessions() == 0);
        int max = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("trellis.notification.sse-max-total", Integer.class);
        java.util.List<SseClient> open = new java.util.ArrayList<>();
        try {
            UUID m = null;
            for (int i = 0; i < max; i++) {
                if (i % 5 == 0) {
                    m = UUID.randomUUID();
                }
                SseClient s = SseClient.open(stream, TestTokens.bearer(m));
                open.add(s);
                assertEquals(200, s.status, "stream " + i);
            }
            try (SseClient over = SseClient.open(stream, TestTokens.bearer(UUID.randomUUID()))) {
                assertEquals(429, over.status);
                assertTrue(over.refusal.contains("too-many-streams"), over.refusal);
            }
        } finally {
            open.forEach(SseClient::close);
        }
        await().atMost(WAIT).until(() -> broadcaster.openSessions() == 0);
    }

    @Test
    void a_stream_ends_when_its_token_expires() throws Exception {
        UUID jill = member("Jill", "Oak");
        String shortLived = io.smallrye.jwt.build.Jwt.issuer(TestTokens.ISSUER).subject(jill.toString())
                .upn(jill.toString()).groups("member").claim("sid", UUID.randomUUID().toString())
                .expiresAt(java.time.Instant.now().plusSeconds(3)).sign(dev.trellis.testing.TestKeys.privateKey());
        try (SseClient byHeader = SseClient.open(stream, "Bearer " + shortLived);
             SseClient byTicket = SseClient.open(URI.create(stream + "?ticket=" + ticket(shortLived)), null)) {
            assertEquals(200, byHeader.status);
            assertEquals(200, byTicket.status);
            assertNotNull(byHeader.next(WAIT));
            assertNotNull(byTicket.next(WAIT));
            for (SseClient s : java.util.List.of(byHeader, byTicket)) {
                assertEquals("expired", s.others.poll(10, java.util.concurrent.TimeUnit.SECONDS));
                assertTrue(s.ended.await(10, java.util.concurrent.TimeUnit.SECONDS), "the stream was not closed");
            }
        }
        assertEquals(0, broadcaster.openSessions(jill));
    }

    static String tokenOfSession(UUID member, UUID sid) {
        return io.smallrye.jwt.build.Jwt.issuer(TestTokens.ISSUER).subject(member.toString()).upn(member.toString())
                .groups("member").claim("sid", sid.toString()).expiresIn(Duration.ofMinutes(15))
                .sign(dev.trellis.testing.TestKeys.privateKey());
    }

    /** A database session of its own (not from this replica's pool), as another replica has. */
    static java.sql.Connection anotherReplicasSession() throws java.sql.SQLException {
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        return java.sql.DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }

    @Inject
    dev.trellis.platform.security.Revocations revocations;

    /**
     * The revocation reached this replica's revocation reader, but not its badge listener (the AccessRevoked push
     * is a NOTIFY, lost while the listener reconnects; here it is never sent): the next heartbeat ends the stream
     * and the session's unused ticket opens nothing.
     */
    @Test
    void a_session_revoked_while_the_push_was_lost_ends_at_the_next_heartbeat() throws Exception {
        UUID mia = member("Mia", "Holt");
        UUID sid = UUID.randomUUID();
        String token = tokenOfSession(mia, sid);
        String unused = ticket(token);
        try (SseClient s = SseClient.open(URI.create(stream + "?ticket=" + ticket(token)), null)) {
            assertEquals(200, s.status);
            assertNotNull(s.next(WAIT));
            revocations.revoke(java.util.List.of(sid), java.time.Instant.now());
            assertEquals("expired", s.others.poll(10, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(s.ended.await(10, java.util.concurrent.TimeUnit.SECONDS), "the stream was not closed");
        }
        assertEquals(0, broadcaster.openSessions(mia));
        try (SseClient late = SseClient.open(URI.create(stream + "?ticket=" + unused), null)) {
            assertEquals(401, late.status);
            assertTrue(late.refusal.contains("invalid-ticket"), late.refusal);
        }
    }

    @Test
    void a_revoked_session_ends_its_streams_and_voids_its_tickets() throws Exception {
        UUID kate = member("Kate", "Lund");
        UUID loggedOut = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        String token = tokenOfSession(kate, loggedOut);
        String unused = ticket(token);
        try (SseClient byHeader = SseClient.open(stream, "Bearer " + token);
             SseClient byTicket = SseClient.open(URI.create(stream + "?ticket=" + ticket(token)), null);
             SseClient otherSession = SseClient.open(stream, "Bearer " + tokenOfSession(kate, other))) {
            for (SseClient s : java.util.List.of(byHeader, byTicket, otherSession)) {
                assertEquals(200, s.status);
                assertNotNull(s.next(WAIT));
            }
            // when profile-service publishes the log-out
            KafkaProbe.publish(new dev.trellis.events.profile.AccessRevoked(kate, java.util.List.of(loggedOut),
                    java.time.Instant.now()));
            // then both streams of that session end; the other session's stays open
            for (SseClient s : java.util.List.of(byHeader, byTicket)) {
                assertEquals("expired", s.others.poll(20, java.util.concurrent.TimeUnit.SECONDS));
                assertTrue(s.ended.await(10, java.util.concurrent.TimeUnit.SECONDS), "the stream was not closed");
            }
            assertEquals(1, broadcaster.openSessions(kate));
            assertEquals(1, otherSession.ended.getCount());
            // and the session's unused ticket opens nothing
            try (SseClient late = SseClient.open(URI.create(stream + "?ticket=" + unused), null)) {
                assertEquals(401, late.status);
            }
        }
    }
}
