package dev.trellis.notification.api;

import dev.trellis.events.connection.ConnectionMade;
import dev.trellis.events.connection.ConnectionRemoved;
import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.invitation.InvitationSent;
import dev.trellis.events.connection.MemberBlocked;
import dev.trellis.notification.application.MessagingService;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TestKeys;
import dev.trellis.testing.TestTokens;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.trellis.notification.api.NotificationApiTest.member;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a member gets for malformed requests and for other members' things: 4xx problem+json, never a 500. */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_notification_test"))
class EdgeCasesApiTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/badges/stream")
    URI stream;
    @Inject
    MessagingService messaging;

    void connect(UUID x, UUID y) {
        UUID[] p = MessagingApiTest.ordered(x, y);
        KafkaProbe.publish(new ConnectionMade(p[0], p[1], UUID.randomUUID(), Instant.now()));
        await().atMost(WAIT).until(() -> messaging.facts(x, y).connected());
    }

    static void problem(Response r, int status) {
        r.then().statusCode(status).contentType("application/problem+json");
    }

    static Response post(UUID me, String path, String json) {
        var g = given().header("Authorization", TestTokens.bearer(me)).contentType(ContentType.JSON);
        return json == null ? g.post(path) : g.body(json).post(path);
    }

    @Test
    void malformed_messages_are_a_400_problem() {
        UUID a = member("Amy", "Stone");
        UUID b = member("Bo", "Reed");
        connect(a, b);
        problem(post(a, "/messages", "{\"to\":\"not-a-uuid\",\"text\":\"hi\"}"), 400);
        problem(post(a, "/messages", null), 400);
        problem(post(a, "/messages", "{not json"), 400);
        problem(post(a, "/messages", "{\"to\":\"" + b + "\",\"text\":\"nul \\u0000 here\"}"), 400);
        problem(post(a, "/messages", "{\"to\":\"" + b + "\",\"text\":\"hi\",\"clientMessageId\":\"k\\u0000\"}"), 400);
        problem(post(a, "/messages", "{\"to\":\"" + b + "\",\"text\":[1,2]}"), 400);
    }

    @Test
    void malformed_ids_and_paging_are_4xx_problems() {
        UUID a = member("Cy", "Moss");
        Response r = given().header("Authorization", TestTokens.bearer(a)).get("/conversations/not-a-uuid");
        assertEquals(true, r.statusCode() == 400 || r.statusCode() == 404, "status " + r.statusCode());
        problem(given().header("Authorization", TestTokens.bearer(a)).get("/conversations?page=-1"), 400);
        problem(given().header("Authorization", TestTokens.bearer(a)).get("/conversations?size=abc"), 400);
        problem(given().header("Authorization", TestTokens.bearer(a)).get("/prompts?size=100000"), 400);
        problem(given().header("Authorization", TestTokens.bearer(a))
                .get("/messages/templates/welcome/render?to=not-a-uuid"), 400);
        problem(given().header("Authorization", TestTokens.bearer(a))
                .get("/messages/templates/nope/render?to=" + UUID.randomUUID()), 404);
        Response s = post(a, "/prompts/not-a-uuid/send", "{}");
        assertEquals(true, s.statusCode() == 400 || s.statusCode() == 404, "status " + s.statusCode());
        problem(post(a, "/prompts/" + UUID.randomUUID() + "/send", "{}"), 404);
        problem(post(a, "/prompts/" + UUID.randomUUID() + "/send", null), 404);
    }

    @Test
    void nobody_reads_or_marks_someone_else_s_conversation() {
        UUID a = member("Di", "Park");
        UUID b = member("Ed", "Ford");
        UUID eve = member("Eve", "Snoop");
        connect(a, b);
        String id = post(a, "/messages", "{\"to\":\"" + b + "\",\"text\":\"private\"}").then().statusCode(201)
                .extract().jsonPath().getString("conversationId");
        problem(given().header("Authorization", TestTokens.bearer(eve)).get("/conversations/" + id), 404);
        problem(post(eve, "/conversations/" + id + "/read", null), 404);
        given().header("Authorization", TestTokens.bearer(b)).get("/conversations/" + id).then().statusCode(200)
                .body("items[0].text", equalTo("private"));
    }

    @Test
    void a_member_who_blocked_you_cannot_be_messaged() {
        UUID a = member("Fay", "Lin");
        UUID b = member("Gus", "Hart");
        connect(a, b);
        KafkaProbe.publish(new MemberBlocked(b, a, Instant.now()));
        await().atMost(WAIT).until(() -> messaging.facts(a, b).blocked());
        post(a, "/messages", "{\"to\":\"" + b + "\",\"text\":\"hello?\"}").then().statusCode(403)
                .contentType("application/problem+json").body("reason", equalTo("not-possible"));
    }

    @Test
    void the_stream_refuses_an_expired_token() throws Exception {
        UUID a = member("Hal", "Ives");
        String expired = Jwt.issuer(TestTokens.ISSUER).subject(a.toString()).upn(a.toString()).groups("member")
                .issuedAt(Instant.now().minus(Duration.ofHours(3))).expiresAt(Instant.now().minus(Duration.ofHours(2)))
                .sign(TestKeys.privateKey());
        try (SseClient s = SseClient.open(stream, "Bearer " + expired)) {
            assertEquals(401, s.status);
        }
        String wrongIssuer = Jwt.issuer("https://evil.example").subject(a.toString()).expiresIn(Duration.ofHours(1))
                .sign(TestKeys.privateKey());
        try (SseClient s = SseClient.open(stream, "Bearer " + wrongIssuer)) {
            assertEquals(401, s.status);
        }
        String noSubject = Jwt.issuer(TestTokens.ISSUER).upn("x").expiresIn(Duration.ofHours(1)).sign(TestKeys.privateKey());
        try (SseClient s = SseClient.open(stream, "Bearer " + noSubject)) {
            assertEquals(401, s.status);
        }
    }

    static int prompts(UUID member) {
        return given().header("Authorization", TestTokens.bearer(member)).get("/prompts").then().statusCode(200)
                .extract().jsonPath().getInt("total");
    }

    void accepted(UUID inviter, UUID invitee, Instant at) {
        UUID inv = UUID.randomUUID();
        KafkaProbe.publish(new InvitationSent(inv, inviter, invitee, null, null, null, null, at, null));
        KafkaProbe.publish(new InvitationAccepted(inv, inviter, invitee, at, false));
        NotificationApiTest.connectionMade(inviter, invitee);
    }

    void removed(UUID x, UUID y, Instant at) {
        UUID[] p = MessagingApiTest.ordered(x, y);
        KafkaProbe.publish(new ConnectionRemoved(p[0], p[1], x, at));
        await().atMost(WAIT).until(() -> messaging.facts(x, y).removed());
    }

    @Test
    void a_welcome_or_follow_up_prompt_is_not_offered_once_the_connection_is_removed_or_blocked() {
        UUID chris = member("Chris", "Cole");
        UUID olivia = member("Olivia", "Tate");
        accepted(chris, olivia, Instant.now());
        await().atMost(WAIT).until(() -> prompts(olivia) == 1 && prompts(chris) == 1);
        removed(chris, olivia, Instant.now());
        assertEquals(0, prompts(olivia));
        assertEquals(0, prompts(chris));

        UUID ann = member("Ann", "Bell");
        UUID ben = member("Ben", "Bell");
        accepted(ann, ben, Instant.now());
        await().atMost(WAIT).until(() -> prompts(ann) == 1 && prompts(ben) == 1);
        KafkaProbe.publish(new MemberBlocked(ben, ann, Instant.now()));
        await().atMost(WAIT).until(() -> messaging.facts(ann, ben).blocked());
        assertEquals(0, prompts(ann));
        assertEquals(0, prompts(ben));
    }

    @Test
    void an_invitation_accepted_after_a_removal_lets_them_message_once_connected_again() {
        UUID a = member("Ida", "Wu");
        UUID b = member("Jon", "Wu");
        connect(a, b);
        removed(a, b, Instant.now());
        post(a, "/messages", "{\"to\":\"" + b + "\",\"text\":\"hi\"}").then().statusCode(403)
                .body("reason", equalTo("not-possible"));
        // they connect again: the acceptance, then connection-service's ConnectionMade
        accepted(b, a, Instant.now().plusSeconds(1));
        await().atMost(WAIT).until(() -> messaging.facts(a, b).connected());
        post(a, "/messages", "{\"to\":\"" + b + "\",\"text\":\"welcome back\"}").then().statusCode(201);
        assertEquals(0, prompts(a)); // the welcome was sent
        assertEquals(1, prompts(b)); // the inviter's follow-up is offered
    }

    @Test
    void concurrent_retries_of_one_message_send_it_once() throws Exception {
        UUID a = member("Kim", "Lo");
        UUID b = member("Lee", "Lo");
        connect(a, b);
        String body = "{\"to\":\"" + b + "\",\"text\":\"only once\",\"clientMessageId\":\"retry-1\"}";
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> post(a, "/messages", body).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (var f : results) {
                statuses.add(f.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(7, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        given().header("Authorization", TestTokens.bearer(b)).get("/conversations").then().statusCode(200)
                .body("items[0].unread", equalTo(1));
    }
}
