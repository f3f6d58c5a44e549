package dev.trellis.notification.api;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.invitation.InvitationDeclinedAsUnknown;
import dev.trellis.events.invitation.InvitationExpired;
import dev.trellis.events.invitation.InvitationIgnored;
import dev.trellis.events.invitation.InvitationReminderDue;
import dev.trellis.events.invitation.InvitationSent;
import dev.trellis.events.invitation.InvitationWithdrawn;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TestTokens;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.trellis.notification.api.NotificationApiTest.awaitUntil;
import static dev.trellis.notification.api.NotificationApiTest.badges;
import static dev.trellis.notification.api.NotificationApiTest.markerAfter;
import static dev.trellis.notification.api.NotificationApiTest.member;
import static dev.trellis.notification.api.NotificationApiTest.myNetwork;
import static dev.trellis.notification.api.NotificationApiTest.notifications;
import static dev.trellis.notification.api.NotificationApiTest.now;
import static dev.trellis.notification.api.NotificationApiTest.prompts;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Relationship and context, mutual acceptances, "I don't know this person", expiries and reminders: Kafka ->
 * projections -> REST. Same test resource as {@link NotificationApiTest}, so the same running application.
 */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_notification_test"))
class InvitationOutcomesApiTest {

    /** A member's badges and notification list, to compare before and after something that must change nothing. */
    static String snapshot(UUID member) {
        return badges(member).prettify() + notifications(member).prettify() + prompts(member).prettify();
    }

    static void assertToldNothing(UUID member) {
        JsonPath b = badges(member);
        assertEquals(Map.of("myNetwork", 0, "messages", 0, "notifications", 0, "asOf", 0), b.getMap("$"));
        assertEquals(0, notifications(member).getInt("total"));
        assertEquals(List.of(), prompts(member).getList("items"));
    }

    static InvitationSent sent(UUID inv, UUID from, UUID to, String note) {
        return new InvitationSent(inv, from, to, note, null, null, null, now(), now().plus(Duration.ofDays(180)));
    }

    enum Ending {
        IGNORED, WITHDRAWN, DECLINED_AS_UNKNOWN, EXPIRED;

        TrellisEvent event(UUID inv, UUID from, UUID to) {
            return switch (this) {
                case IGNORED -> new InvitationIgnored(inv, from, to, now());
                case WITHDRAWN -> new InvitationWithdrawn(inv, from, to, now());
                case DECLINED_AS_UNKNOWN -> new InvitationDeclinedAsUnknown(inv, from, to, now());
                case EXPIRED -> new InvitationExpired(inv, from, to, now());
            };
        }

        /** The recipient keeps the notification, handled (answered), rather than losing it (gone). */
        boolean answered() {
            return this == IGNORED || this == DECLINED_AS_UNKNOWN;
        }
    }

    @Test
    void the_received_invitation_shows_how_the_sender_knows_the_recipient() {
        UUID alice = member("Alice", "Smith");
        UUID bob = member("Bob", "Jones");
        UUID carol = member("Carol", "White");
        UUID inv = UUID.randomUUID();
        KafkaProbe.publish(new InvitationSent(inv, alice, bob, "We met at Acme", "colleague", "Acme Corp", "colleague-1",
                now(), now().plus(Duration.ofDays(180))));
        KafkaProbe.publish(sent(UUID.randomUUID(), carol, bob, null));
        awaitUntil(() -> myNetwork(bob) == 2);
        JsonPath n = notifications(bob);
        int i = n.getList("items.invitationId").indexOf(inv.toString());
        assertEquals("INVITATION_RECEIVED", n.getString("items[" + i + "].kind"));
        assertEquals("colleague", n.getString("items[" + i + "].relationship"));
        assertEquals("Acme Corp", n.getString("items[" + i + "].context"));
        assertEquals("We met at Acme", n.getString("items[" + i + "].note"));
        assertEquals(null, n.getString("items[" + i + "].reminder"));
        // not said: null
        assertEquals(null, n.getString("items[" + (1 - i) + "].relationship"));
        assertEquals(null, n.getString("items[" + (1 - i) + "].context"));
    }

    @Test
    void ignored_withdrawn_declined_and_expired_invitations_tell_the_sender_nothing_and_take_the_recipients_count_back() {
        for (Ending ending : Ending.values()) {
            UUID alice = member("Alice", "Smith");
            UUID bob = member("Bob", "Jones");
            UUID inv = UUID.randomUUID();
            KafkaProbe.publish(sent(inv, alice, bob, "Hi Bob"));
            awaitUntil(() -> myNetwork(bob) == 1);
            KafkaProbe.publish(ending.event(inv, alice, bob));

            awaitUntil(() -> myNetwork(bob) == 0);
            markerAfter(inv.toString());
            assertToldNothing(alice);
            JsonPath b = notifications(bob);
            if (ending.answered()) {
                assertEquals(1, b.getInt("total"), ending.name());
                assertEquals("INVITATION_RECEIVED", b.getString("items[0].kind"));
                assertTrue(b.getBoolean("items[0].read"), ending.name());
            } else {
                assertEquals(0, b.getInt("total"), ending.name());
            }
            assertEquals(List.of(), prompts(bob).getList("items"), ending.name());
        }
    }

    @Test
    void endings_that_overtake_their_invitation_tell_the_sender_nothing_either() {
        for (Ending ending : Ending.values()) {
            UUID alice = member("Alice", "Smith");
            UUID bob = member("Bob", "Jones");
            UUID inv = UUID.randomUUID();
            KafkaProbe.publish(ending.event(inv, alice, bob));
            KafkaProbe.publish(sent(inv, alice, bob, "Hi Bob"));
            markerAfter(inv.toString());
            assertToldNothing(alice);
            assertEquals(0, myNetwork(bob), ending.name());
            JsonPath b = notifications(bob);
            // answered: arrives handled; withdrawn or expired: never shown
            assertEquals(ending.answered() ? 1 : 0, b.getInt("total"), ending.name());
            if (ending.answered()) {
                assertTrue(b.getBoolean("items[0].read"), ending.name());
            }
        }
    }

    @Test
    void redelivered_and_repeated_endings_change_nothing() {
        for (Ending ending : List.of(Ending.DECLINED_AS_UNKNOWN, Ending.EXPIRED)) {
            UUID alice = member("Alice", "Smith");
            UUID bob = member("Bob", "Jones");
            UUID inv = UUID.randomUUID();
            KafkaProbe.publish(sent(inv, alice, bob, "Hi Bob"));
            KafkaProbe.publish(new InvitationReminderDue(inv, alice, bob, 1, now()));
            awaitUntil(() -> myNetwork(bob) == 2);
            UUID eventId = UUID.randomUUID();
            KafkaProbe.publish(eventId, ending.event(inv, alice, bob));
            awaitUntil(() -> myNetwork(bob) == 0);
            markerAfter(inv.toString());
            String bobBefore = snapshot(bob);

            KafkaProbe.publish(eventId, ending.event(inv, alice, bob)); // redelivery
            KafkaProbe.publish(ending.event(inv, alice, bob));          // the same ending, another event
            KafkaProbe.publish(new InvitationReminderDue(inv, alice, bob, 2, now())); // too late
            markerAfter(inv.toString());
            assertEquals(bobBefore, snapshot(bob), ending.name());
            assertToldNothing(alice);
        }
    }

    @Test
    void a_mutual_acceptance_is_told_to_both_and_leaves_the_recipient_no_stale_invitation() {
        UUID alice = member("Alice", "Smith");
        UUID bob = member("Bob", "Jones");
        UUID inv = UUID.randomUUID();
        KafkaProbe.publish(sent(inv, alice, bob, "Hi Bob"));
        awaitUntil(() -> myNetwork(bob) == 1);
        UUID eventId = UUID.randomUUID();
        KafkaProbe.publish(eventId, new InvitationAccepted(inv, alice, bob, now(), true));
        NotificationApiTest.connectionMade(alice, bob);

        awaitUntil(() -> myNetwork(alice) == 1);
        awaitUntil(() -> notifications(bob).getInt("total") == 2);
        given().header("Authorization", TestTokens.bearer(alice)).get("/notifications")
                .then().statusCode(200).body("total", equalTo(1))
                .body("items[0].kind", equalTo("INVITATION_ACCEPTED"))
                .body("items[0].text", equalTo("Bob Jones accepted your invitation"));
        // Bob, who invited Alice back, is told as for an acceptance; the invitation he received no longer counts
        assertEquals(1, myNetwork(bob));
        given().header("Authorization", TestTokens.bearer(bob)).get("/notifications")
                .then().statusCode(200)
                .body("items.find { it.kind == 'INVITATION_ACCEPTED' }.text", equalTo("Alice Smith accepted your invitation"))
                .body("items.find { it.kind == 'INVITATION_ACCEPTED' }.read", equalTo(false))
                .body("items.find { it.kind == 'INVITATION_RECEIVED' }.read", equalTo(true));
        assertEquals("WELCOME_MESSAGE", prompts(bob).getString("items[0].kind"));
        assertEquals("FOLLOW_UP", prompts(alice).getString("items[0].kind"));

        // a redelivery, or the same acceptance again, changes nothing; nor does a late reminder
        String aliceBefore = snapshot(alice);
        String bobBefore = snapshot(bob);
        KafkaProbe.publish(eventId, new InvitationAccepted(inv, alice, bob, now(), true));
        KafkaProbe.publish(new InvitationAccepted(inv, alice, bob, now(), true));
        KafkaProbe.publish(new InvitationReminderDue(inv, alice, bob, 1, now()));
        markerAfter(inv.toString());
        assertEquals(aliceBefore, snapshot(alice));
        assertEquals(bobBefore, snapshot(bob));
    }

    @Test
    void reminders_reach_the_recipient_once_per_number_while_pending() {
        UUID alice = member("Alice", "Smith");
        UUID bob = member("Bob", "Jones");
        UUID inv = UUID.randomUUID();
        Instant sentAt = now();
        KafkaProbe.publish(new InvitationSent(inv, alice, bob, "Hi Bob, great talk", "industry-contact", null, null,
                sentAt, sentAt.plus(Duration.ofDays(180))));
        awaitUntil(() -> myNetwork(bob) == 1);
        given().header("Authorization", TestTokens.bearer(bob)).post("/badges/my-network/seen").then().statusCode(200);

        UUID first = UUID.randomUUID();
        InvitationReminderDue r1 = new InvitationReminderDue(inv, alice, bob, 1, sentAt.plus(Duration.ofDays(7)));
        KafkaProbe.publish(first, r1);
        awaitUntil(() -> myNetwork(bob) == 1);
        given().header("Authorization", TestTokens.bearer(bob)).get("/notifications")
                .then().statusCode(200).body("total", equalTo(2))
                .body("items[0].kind", equalTo("INVITATION_REMINDER"))
                .body("items[0].category", equalTo("MY_NETWORK"))
                .body("items[0].text", equalTo("Reminder: Alice Smith is waiting for your answer"))
                .body("items[0].note", equalTo("Hi Bob, great talk"))
                .body("items[0].reminder", equalTo(1))
                .body("items[0].actor.memberId", equalTo(alice.toString()))
                .body("items[0].invitationId", equalTo(inv.toString()))
                .body("items[0].relationship", nullValue())
                .body("items[0].read", equalTo(false));

        // redelivered, or due again: still one reminder 1
        KafkaProbe.publish(first, r1);
        KafkaProbe.publish(new InvitationReminderDue(inv, alice, bob, 1, sentAt.plus(Duration.ofDays(7))));
        markerAfter(inv.toString());
        assertEquals(1, myNetwork(bob));
        assertEquals(2, notifications(bob).getInt("total"));

        // reminder 2, once
        UUID second = UUID.randomUUID();
        InvitationReminderDue r2 = new InvitationReminderDue(inv, alice, bob, 2, sentAt.plus(Duration.ofDays(14)));
        KafkaProbe.publish(second, r2);
        KafkaProbe.publish(second, r2);
        KafkaProbe.publish(new InvitationReminderDue(inv, alice, bob, 2, sentAt.plus(Duration.ofDays(14))));
        awaitUntil(() -> myNetwork(bob) == 2);
        markerAfter(inv.toString());
        assertEquals(2, myNetwork(bob));
        JsonPath n = notifications(bob);
        assertEquals(3, n.getInt("total"));
        assertEquals(List.of(2, 1), n.getList("items.findAll { it.kind == 'INVITATION_REMINDER' }.reminder"));
        // the sender is not reminded of anything
        assertToldNothing(alice);

        // once answered, the reminders stop counting too, and no more come
        KafkaProbe.publish(new InvitationAccepted(inv, alice, bob, now(), false));
        awaitUntil(() -> myNetwork(bob) == 0);
        KafkaProbe.publish(new InvitationReminderDue(inv, alice, bob, 3, now()));
        markerAfter(inv.toString());
        assertEquals(0, myNetwork(bob));
        assertEquals(List.of(true, true, true), notifications(bob).getList("items.read"));
        assertEquals(3, notifications(bob).getInt("total"));
    }

    @Test
    void no_reminder_once_the_invitation_is_answered_withdrawn_or_expired() {
        for (Ending ending : Ending.values()) {
            UUID alice = member("Alice", "Smith");
            UUID bob = member("Bob", "Jones");
            UUID inv = UUID.randomUUID();
            KafkaProbe.publish(sent(inv, alice, bob, "Hi Bob"));
            KafkaProbe.publish(ending.event(inv, alice, bob));
            KafkaProbe.publish(new InvitationReminderDue(inv, alice, bob, 1, now()));
            KafkaProbe.publish(new InvitationReminderDue(inv, alice, bob, 2, now()));
            markerAfter(inv.toString());
            assertEquals(0, myNetwork(bob), ending.name());
            assertEquals(ending.answered() ? List.of("INVITATION_RECEIVED") : List.of(),
                    notifications(bob).getList("items.kind"), ending.name());
            assertToldNothing(alice);
        }
    }
}
