package dev.trellis.notification.api;

import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.invitation.InvitationSent;
import dev.trellis.events.profile.ProfileUpdated;
import dev.trellis.notification.application.MessagingService;
import dev.trellis.notification.store.MemberEntity;
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
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.trellis.notification.api.NotificationApiTest.badges;
import static dev.trellis.notification.api.NotificationApiTest.member;
import static dev.trellis.notification.api.NotificationApiTest.now;
import static dev.trellis.notification.api.NotificationApiTest.prompts;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Accepting an invitation: the prompts, the templates, sending the welcome message, the prompts' expiry. */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_notification_test"))
class WelcomeFlowApiTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    TestClock clock;
    @Inject
    MessagingService messaging;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Chris invites Olivia, she accepts: returns once both prompts are there. */
    void accepted(UUID chris, UUID olivia) {
        UUID inv = UUID.randomUUID();
        KafkaProbe.publish(new InvitationSent(inv, chris, olivia, "Hi Olivia", null, null, null, now(), null));
        KafkaProbe.publish(new InvitationAccepted(inv, chris, olivia, now(), false));
        NotificationApiTest.connectionMade(chris, olivia);
        await().atMost(WAIT).until(() -> prompts(olivia).getInt("total") == 1 && prompts(chris).getInt("total") == 1);
    }

    @Test
    void the_member_who_accepted_sends_the_prefilled_welcome_and_the_prompt_is_cleared() {
        UUID olivia = member("Olivia", "Taylor");
        UUID chris = member("Chris", "Cooper");
        accepted(chris, olivia);

        JsonPath p = prompts(olivia);
        assertEquals("WELCOME_MESSAGE", p.getString("items[0].kind"));
        String message = p.getString("items[0].message");
        assertTrue(message.startsWith("Thanks for connecting, Chris!"), message);
        String promptId = p.getString("items[0].promptId");

        // connected (ConnectionMade): the welcome can be sent
        JsonPath sent = given().header("Authorization", TestTokens.bearer(olivia)).contentType(ContentType.JSON)
                .body("{}").post("/prompts/" + promptId + "/send")
                .then().statusCode(201).extract().jsonPath();
        assertEquals(message, sent.getString("text"));
        assertEquals(chris.toString(), sent.getString("recipientId"));

        assertEquals(0, prompts(olivia).getInt("total"));
        assertEquals(1, badges(chris).getLong("messages"));
        JsonPath chrisConversations = given().header("Authorization", TestTokens.bearer(chris)).get("/conversations")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(message, chrisConversations.getString("items[0].lastMessage.text"));
        // done: it cannot be sent twice
        given().header("Authorization", TestTokens.bearer(olivia)).contentType(ContentType.JSON).body("{}")
                .post("/prompts/" + promptId + "/send").then().statusCode(422).body("reason", equalTo("prompt-closed"));
        // and nobody else's
        given().header("Authorization", TestTokens.bearer(chris)).contentType(ContentType.JSON).body("{}")
                .post("/prompts/" + promptId + "/send").then().statusCode(404);
    }

    @Test
    void the_inviter_follows_up_with_an_own_text_and_any_message_to_the_other_clears_the_prompt() {
        UUID olivia = member("Olivia", "Taylor");
        UUID chris = member("Chris", "Cooper");
        accepted(chris, olivia);
        JsonPath p = prompts(chris);
        assertEquals("FOLLOW_UP", p.getString("items[0].kind"));
        given().header("Authorization", TestTokens.bearer(chris)).contentType(ContentType.JSON)
                .body(Map.of("text", "Great to meet you, Olivia - coffee next week?"))
                .post("/prompts/" + p.getString("items[0].promptId") + "/send")
                .then().statusCode(201).body("text", equalTo("Great to meet you, Olivia - coffee next week?"));
        assertEquals(0, prompts(chris).getInt("total"));

        // Olivia answers through the plain message endpoint: her welcome prompt is done as well
        given().header("Authorization", TestTokens.bearer(olivia)).contentType(ContentType.JSON)
                .body(Map.of("to", chris.toString(), "text", "Sure!")).post("/messages").then().statusCode(201);
        assertEquals(0, prompts(olivia).getInt("total"));
    }

    @Test
    void prompts_expire_after_fourteen_days() {
        UUID olivia = member("Olivia", "Taylor");
        UUID chris = member("Chris", "Cooper");
        accepted(chris, olivia);
        String promptId = prompts(olivia).getString("items[0].promptId");
        clock.advance(Duration.ofDays(14).minusMinutes(5));
        assertEquals(1, prompts(olivia).getInt("total"));
        clock.advance(Duration.ofMinutes(10));
        assertEquals(0, prompts(olivia).getInt("total"));
        assertEquals(0, prompts(chris).getInt("total"));
        given().header("Authorization", TestTokens.bearer(olivia)).contentType(ContentType.JSON).body("{}")
                .post("/prompts/" + promptId + "/send").then().statusCode(422).body("reason", equalTo("prompt-expired"));
    }

    @Test
    void templates_are_listed_and_rendered_from_both_profiles() {
        UUID olivia = member("Olivia", "Taylor");
        UUID chris = member("Chris", "Cooper");
        given().header("Authorization", TestTokens.bearer(olivia)).get("/messages/templates")
                .then().statusCode(200).body("id", hasItems("welcome", "follow-up", "follow-up-company", "check-in"))
                .body("find { it.id == 'follow-up-company' }.placeholders", equalTo(List.of("firstName", "company", "myFirstName")));

        given().header("Authorization", TestTokens.bearer(olivia)).get("/messages/templates/welcome/render?to=" + chris)
                .then().statusCode(200)
                .body("text", equalTo("Thanks for connecting, Chris! I'm glad to have you in my network and look forward to staying in touch. - Olivia"));
        // Chris's company is not known yet: rejected, naming the placeholder
        given().header("Authorization", TestTokens.bearer(olivia)).get("/messages/templates/follow-up-company/render?to=" + chris)
                .then().statusCode(400).body("errors[0].field", equalTo("placeholders"))
                .body("errors[0].message", containsString("company"));
        KafkaProbe.publish(new ProfileUpdated(chris, "Chris", "Cooper", "Engineer", "Berlin", "DE", "Software", null,
                List.of(new ProfileUpdated.Position("Old Corp", "Dev", 2015, 2020),
                        new ProfileUpdated.Position("Acme", "Lead", 2020, null)),
                List.of(), List.of(), List.of("positions"), Instant.now()));
        await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew().call(() ->
                "Acme".equals(MemberEntity.<MemberEntity>findById(chris).company)));
        given().header("Authorization", TestTokens.bearer(olivia)).get("/messages/templates/follow-up-company/render?to=" + chris)
                .then().statusCode(200).body("text", containsString("your work at Acme"));
        given().header("Authorization", TestTokens.bearer(olivia)).get("/messages/templates/nope/render?to=" + chris)
                .then().statusCode(404);
        given().header("Authorization", TestTokens.bearer(olivia)).get("/messages/templates/welcome/render")
                .then().statusCode(400);
    }
}
