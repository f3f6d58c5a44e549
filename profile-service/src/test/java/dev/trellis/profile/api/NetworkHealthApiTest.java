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

        // 3 connections; 8 invitations sent: 2 accepted, 1 ignored, 1 declined as unknown, 1 expired, 3 pending;
        // 1 withdrawn (not counted). Rate = accepted / answered = 2 / 5: pending ones are no verdict yet
        for (int i = 0; i < 3; i++) {
            Api.connect(student.id(), Api.signUp("Peer" + i, "Mate").id());
        }
        for (int i = 0; i < 9; i++) {
            UUID inv = UUID.randomUUID();
            UUID to = UUID.randomUUID();
            Instant now = Instant.now();
            KafkaProbe.publish(new InvitationSent(inv, student.id(), to, null, null, null, null, now, now.plus(Duration.ofDays(180))));
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
                .body("invitationsAnswered", equalTo(5)).body("invitationsAccepted", equalTo(2))
                .body("advice.code", hasItem("personalize-invitations"))
                .body("advice.code", hasItem("reconnect-with-classmates"))
                .body("acceptanceRate", notNullValue());
        Number rate = student.as().get("/members/" + student.id() + "/network-health").then().extract().path("acceptanceRate");
        org.junit.jupiter.api.Assertions.assertEquals(2.0 / 5, rate.doubleValue(), 1e-6);
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
