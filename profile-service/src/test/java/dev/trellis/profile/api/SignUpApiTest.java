package dev.trellis.profile.api;

import dev.trellis.testing.TestClock;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sign-up in two steps (a code by mail), answering a stranger the same for a new and for a registered address. */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_profile_test"))
class SignUpApiTest {
    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static Response signUp(String email, String first) {
        return given().contentType(ContentType.JSON).body("{\"email\":\"" + email + "\",\"password\":\"" + Api.PASSWORD
                + "\",\"firstName\":\"" + first + "\",\"lastName\":\"Tester\"}").post("/members");
    }

    @Test
    void a_new_and_a_registered_address_get_the_same_answer_and_only_the_new_one_a_code() {
        Api.M taken = Api.signUp("Tara", "Taken");
        String fresh = "fresh-" + UUID.randomUUID() + "@example.com";
        Response forTaken = signUp(taken.email(), "Someone");
        Response forFresh = signUp(fresh, "Someone");
        assertEquals(202, forTaken.statusCode(), forTaken.asString());
        assertEquals(202, forFresh.statusCode(), forFresh.asString());
        assertEquals(forTaken.asString().replace(taken.email(), "<address>"), forFresh.asString().replace(fresh, "<address>"),
                "the same body but for the address itself");
        assertEquals("VERIFICATION_SENT", forFresh.path("status"));
        assertEquals(fresh, forFresh.path("email"));
        assertEquals(forTaken.contentType(), forFresh.contentType());

        // no member yet for the new address
        assertEquals(0, Api.count("SELECT count(*) FROM credential WHERE lower(email) = '" + fresh + "'"));
        // the owner of the taken address is told, without a code; the new address gets one
        var toOwner = Api.mailTo(taken.email()).get(0);
        assertTrue(String.valueOf(toOwner.get("subject")).contains("tried to sign up"), toOwner.toString());
        assertFalse(String.valueOf(toOwner.get("body")).matches("(?s).*\\d{6}.*"), "no code: " + toOwner);
        String code = Api.code(fresh);
        // the taken address has no pending sign-up: no code verifies it
        Api.verify(taken.email(), code).then().statusCode(422).contentType("application/problem+json")
                .body("reason", equalTo("verification-failed"));
        // the member exists only after the code
        Api.verify(fresh, code).then().statusCode(201).body("profile.firstName", equalTo("Someone"))
                .body("profile.email", equalTo(fresh)).body("token", org.hamcrest.Matchers.notNullValue());
        assertEquals(1, Api.count("SELECT count(*) FROM credential WHERE lower(email) = '" + fresh + "'"));
        // the code is used up; signing up again now is the taken case
        Api.verify(fresh, code).then().statusCode(422).body("reason", equalTo("verification-failed"));
        signUp(fresh, "Again").then().statusCode(202).body("status", equalTo("VERIFICATION_SENT"));
        assertTrue(String.valueOf(Api.mailTo(fresh).get(0).get("subject")).contains("tried to sign up"));
    }

    @Test
    void five_wrong_codes_end_the_sign_up_and_the_right_code_no_longer_works() {
        String email = "wrong-" + UUID.randomUUID() + "@example.com";
        signUp(email, "Wren").then().statusCode(202);
        String code = Api.code(email);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            Api.verify(email, wrong).then().statusCode(422).contentType("application/problem+json")
                    .body("reason", equalTo("verification-failed"));
        }
        Api.verify(email, code).then().statusCode(422).body("reason", equalTo("verification-failed"));
        assertEquals(0, Api.count("SELECT count(*) FROM credential WHERE lower(email) = '" + email + "'"));
        // a new sign-up gets a new code that works
        signUp(email, "Wren").then().statusCode(202);
        Api.verify(email, Api.code(email)).then().statusCode(201);
    }

    @Test
    void a_code_expires_after_thirty_minutes() {
        String email = "late-" + UUID.randomUUID() + "@example.com";
        signUp(email, "Lata").then().statusCode(202);
        String code = Api.code(email);
        clock.advance(Duration.ofMinutes(31));
        Api.verify(email, code).then().statusCode(422).body("reason", equalTo("verification-failed"));
    }

    @Test
    void a_later_sign_up_with_the_same_address_cannot_hijack_the_code_of_an_earlier_one() {
        String email = "owner-" + UUID.randomUUID() + "@example.com";
        signUp(email, "Owner").then().statusCode(202);
        String ownersCode = Api.code(email);
        // a stranger asks for the same address with their own password, hoping the owner enters a code
        given().contentType(ContentType.JSON).body("{\"email\":\"" + email + "\",\"password\":\"the strangers secret\","
                + "\"firstName\":\"Stranger\",\"lastName\":\"Danger\"}").post("/members").then().statusCode(202);
        String strangersCode = Api.code(email);
        org.junit.jupiter.api.Assumptions.assumeFalse(ownersCode.equals(strangersCode), "one in a million");
        // the owner's code creates the owner's request: their names, their password
        Api.verify(email, ownersCode).then().statusCode(201).body("profile.firstName", equalTo("Owner"));
        given().contentType(ContentType.JSON).body(IdentityApiTest.logIn(email, Api.PASSWORD)).post("/sessions").then().statusCode(200);
        given().contentType(ContentType.JSON).body(IdentityApiTest.logIn(email, "the strangers secret")).post("/sessions").then().statusCode(401);
        // and the stranger's request is gone with it
        Api.verify(email, strangersCode).then().statusCode(422);
        assertEquals(0, Api.count("SELECT count(*) FROM pending_sign_up WHERE lower(email) = '" + email + "'"));
    }

    @Test
    void wrong_codes_count_over_every_request_of_the_address_and_a_new_request_does_not_reset_them() {
        String email = "reset-" + UUID.randomUUID() + "@example.com";
        signUp(email, "Rex").then().statusCode(202);
        for (int i = 0; i < 4; i++) {
            Api.verify(email, "99999" + i).then().statusCode(422);
        }
        signUp(email, "Rex").then().statusCode(202);
        String code = Api.code(email);
        Api.verify(email, code.equals("999990") ? "999991" : "999990").then().statusCode(422);
        // the fifth wrong code used the address's pending sign-ups up
        Api.verify(email, code).then().statusCode(422);
        assertEquals(0, Api.count("SELECT count(*) FROM pending_sign_up WHERE lower(email) = '" + email + "'"));
    }

    @Test
    void at_most_five_mails_an_hour_go_to_one_address_whatever_is_asked() {
        Api.M taken = Api.signUp("Bomb", "Target");
        String fresh = "bombed-" + UUID.randomUUID() + "@example.com";
        for (int i = 0; i < 8; i++) {
            signUp(taken.email(), "X").then().statusCode(202);
            signUp(fresh, "X").then().statusCode(202);
        }
        assertEquals(5, Api.mailTo(taken.email()).size(), "the member's own verification mail and 4 more");
        assertEquals(5, Api.mailTo(fresh).size());
        clock.advance(Duration.ofMinutes(61));
        signUp(fresh, "Y").then().statusCode(202);
        assertEquals(6, Api.mailTo(fresh).size());
    }

    @Test
    void sign_up_checks_everything_before_answering() {
        given().contentType(ContentType.JSON).body("{\"email\":\"not-an-email\",\"password\":\"short\"}").post("/members")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("email")).body("errors.field", hasItem("password"))
                .body("errors.field", hasItem("firstName"));
        given().contentType(ContentType.JSON).body("{\"email\":\"x@example.com\"}").post("/members/verify")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("code"));
        given().contentType(ContentType.JSON).body("{\"email\":\"x@example.com\",\"code\":\"" + "9".repeat(33) + "\"}")
                .post("/members/verify").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("[]").post("/members/verify").then().statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"email\":\"nobody-" + UUID.randomUUID() + "@example.com\",\"code\":\"123456\"}")
                .post("/members/verify").then().statusCode(422).body("reason", equalTo("verification-failed"));
    }

    @Test
    void the_dev_mailbox_needs_the_operator_token() {
        String email = "box-" + UUID.randomUUID() + "@example.com";
        signUp(email, "Box").then().statusCode(202);
        given().queryParam("to", email).get("/admin/mail").then().statusCode(401)
                .contentType("application/problem+json").body("reason", equalTo("admin-token"));
        given().header("X-Trellis-Admin-Token", "guess").queryParam("to", email).get("/admin/mail").then().statusCode(401);
        // a member's token is not an operator's
        Api.M m = Api.signUp("Not", "Operator");
        m.as().queryParam("to", email).get("/admin/mail").then().statusCode(401);
        given().header("X-Trellis-Admin-Token", Api.ADMIN_TOKEN).queryParam("to", " " + email.toUpperCase())
                .get("/admin/mail").then().statusCode(200).body("size()", equalTo(1)).body("[0].to", equalTo(email));
        given().header("X-Trellis-Admin-Token", Api.ADMIN_TOKEN).get("/admin/mail").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
