package dev.trellis.profile.api;

import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.invitation.InvitationIgnored;
import dev.trellis.events.invitation.InvitationSent;
import dev.trellis.events.invitation.InvitationWithdrawn;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Network health from the local projections of connection and invitation events. */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_profile_test"))
class NetworkHealthApiTest {

    @Test
    void a_student_below_the_range_with_a_low_acceptance_rate() {
        Api.M student = Api.signUp("Stu", "Dent");
        student.as().contentType(ContentType.JSON).body("{\"careerLevel\":\"STUDENT\","
                        + "\"education\":[{\"school\":\"Leeds\",\"fromYear\":2024,\"toYear\":2028}]}")
                .patch("/profiles/me").then().statusCode(200);
        student.as().get("/members/" + student.id() + "/network-health").then().statusCode(200)
                .body("careerLevel", equalTo("STUDENT")).body("connections", equalTo(0))
                .body("targetMin", equalTo(50)).body("targetMax", equalTo(100)).body("status", equalTo("BELOW_TARGET"))
                .body("acceptanceRate", nullValue())
                .body("advice.code", hasItem("reconnect-with-classmates"))
                .body("advice.code", not(hasItem("personalize-invitations")));

        // 3 connections; 8 invitations sent a month ago: 2 accepted, 1 ignored, 1 declined as unknown, 1 expired,
        // 3 pending; 1 withdrawn (not counted). To the sender the ignored and the declined one are pending like the
        // 3 unanswered ones; the rate is accepted / settled (accepted or at least 14 days old) = 2 / 8
        for (int i = 0; i < 3; i++) {
            Api.connect(student.id(), Api.signUp("Peer" + i, "Mate").id());
        }
        Instant monthAgo = Instant.now().minus(Duration.ofDays(30));
        for (int i = 0; i < 9; i++) {
            UUID inv = UUID.randomUUID();
            UUID to = UUID.randomUUID();
            Instant now = Instant.now();
            KafkaProbe.publish(new InvitationSent(inv, student.id(), to, null, null, null, null, monthAgo, monthAgo.plus(Duration.ofDays(180))));
            if (i < 2) {
                KafkaProbe.publish(new InvitationAccepted(inv, student.id(), to, now, false));
            } else if (i == 2) {
                KafkaProbe.publish(new InvitationIgnored(inv, student.id(), to, now));
            } else if (i == 3) {
                KafkaProbe.publish(new InvitationWithdrawn(inv, student.id(), to, now));
            } else if (i == 4) {
                KafkaProbe.publish(new dev.trellis.events.invitation.InvitationDeclinedAsUnknown(inv, student.id(), to, now));
            } else if (i == 5) {
                KafkaProbe.publish(new dev.trellis.events.invitation.InvitationExpired(inv, student.id(), to, now));
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Api.count("SELECT count(*) FROM invitation WHERE from_member = '"
                + student.id() + "' AND status <> 'PENDING'") == 6);
        student.as().get("/members/" + student.id() + "/network-health").then().statusCode(200)
                .body("connections", equalTo(3)).body("invitationsSent", equalTo(8))
                .body("invitationsPending", equalTo(5)).body("invitationsAccepted", equalTo(2))
                .body("$", not(org.hamcrest.Matchers.hasKey("invitationsAnswered")))
                .body("advice.code", hasItem("personalize-invitations"))
                .body("advice.code", hasItem("reconnect-with-classmates"))
                .body("acceptanceRate", notNullValue());
        Number rate = student.as().get("/members/" + student.id() + "/network-health").then().extract().path("acceptanceRate");
        org.junit.jupiter.api.Assertions.assertEquals(2.0 / 8, rate.doubleValue(), 1e-6);
    }

    @Test
    void an_ignored_invitation_looks_to_the_sender_exactly_like_one_not_answered_yet() {
        for (int n : new int[]{1, 5}) {
            for (boolean old : new boolean[]{false, true}) {
                Api.M ignoredSender = Api.signUp("Iggy", "Sender");
                Api.M waitingSender = Api.signUp("Wally", "Sender");
                Instant sent = old ? Instant.now().minus(Duration.ofDays(20)) : Instant.now();
                for (int i = 0; i < n; i++) {
                    UUID to = UUID.randomUUID();
                    UUID ignored = UUID.randomUUID();
                    KafkaProbe.publish(new InvitationSent(ignored, ignoredSender.id(), to, null, null, null, null, sent,
                            sent.plus(Duration.ofDays(182))));
                    if (i % 2 == 0) {
                        KafkaProbe.publish(new InvitationIgnored(ignored, ignoredSender.id(), to, Instant.now()));
                    } else {
                        KafkaProbe.publish(new dev.trellis.events.invitation.InvitationDeclinedAsUnknown(ignored,
                                ignoredSender.id(), to, Instant.now()));
                    }
                    KafkaProbe.publish(new InvitationSent(UUID.randomUUID(), waitingSender.id(), UUID.randomUUID(), null,
                            null, null, null, sent, sent.plus(Duration.ofDays(182))));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> Api.count("SELECT count(*) FROM invitation WHERE "
                        + "from_member = '" + ignoredSender.id() + "' AND status IN ('IGNORED', 'DECLINED_AS_UNKNOWN')") == n
                        && Api.count("SELECT count(*) FROM invitation WHERE from_member = '" + waitingSender.id() + "'") == n);
                String ignoredAnswer = ignoredSender.as().get("/members/" + ignoredSender.id() + "/network-health").then()
                        .statusCode(200).body("invitationsSent", equalTo(n)).body("invitationsPending", equalTo(n))
                        .extract().asString();
                String waitingAnswer = waitingSender.as().get("/members/" + waitingSender.id() + "/network-health").then()
                        .statusCode(200).extract().asString();
                org.junit.jupiter.api.Assertions.assertEquals(waitingAnswer, ignoredAnswer,
                        n + " invitation(s), " + (old ? "20 days old" : "new"));
            }
        }
    }

    @Test
    void a_network_all_from_one_company_is_told_to_broaden() {
        String company = "Monoco " + UUID.randomUUID();
        Api.M pro = Api.signUp("Paula", "Pro");
        pro.as().contentType(ContentType.JSON).body("{\"careerLevel\":\"YOUNG_PROFESSIONAL\",\"positions\":[{\"company\":\""
                + company + "\",\"title\":\"Analyst\",\"fromYear\":2021}]}").patch("/profiles/me").then().statusCode(200);
        pro.as().get("/members/" + pro.id() + "/network-health").then().statusCode(200)
                .body("advice.code", hasItem("reconnect-with-colleagues"));
        for (int i = 0; i < 10; i++) {
            Api.M colleague = Api.signUp("Col" + i, "League");
            colleague.as().contentType(ContentType.JSON).body("{\"positions\":[{\"company\":\"" + company.toUpperCase()
                    + "\",\"title\":\"Analyst\",\"fromYear\":2020}]}").patch("/profiles/me").then().statusCode(200);
            Api.connect(pro, colleague);
        }
        pro.as().get("/members/" + pro.id() + "/network-health").then().statusCode(200)
                .body("connections", equalTo(10)).body("status", equalTo("BELOW_TARGET"))
                .body("targetMin", equalTo(300)).body("targetMax", equalTo(500))
                .body("advice.code", hasItem("broaden-your-network"))
                .body("advice.code", not(hasItem("reconnect-with-colleagues")))
                .body("advice.code", hasItem("join-groups"));
    }

    @Test
    void only_the_member_sees_their_network_health() {
        Api.M a = Api.signUp("Abe", "One");
        Api.M b = Api.signUp("Bea", "Two");
        a.as().get("/members/" + b.id() + "/network-health").then().statusCode(403).body("reason", equalTo("not-yourself"));
        a.as().get("/members/" + a.id() + "/network-health").then().statusCode(200)
                .body("status", equalTo("UNKNOWN_CAREER_LEVEL")).body("advice[0].code", equalTo("set-career-level"));
    }
}
