package dev.trellis.systest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** A member signed up through profile-service, with their bearer token (and what it takes to log in again). */
record Member(UUID id, String firstName, String lastName, String email, String password, String token,
              String refreshToken) {
    static final String PASSWORD = "correct horse battery";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("\\b(\\d{6})\\b");

    static Member signUp(Suite suite, String first, String last) {
        String email = first.toLowerCase().replaceAll("[^a-z0-9]", "") + "-" + UUID.randomUUID() + "@example.com";
        return signUp(suite, first, last, email);
    }

    /**
     * Signs up either way profile-service does it: 201 with a session at once, or 202 VERIFICATION_SENT, the code
     * read from the dev mailbox ({@code GET /admin/mail?to=}, operator token) and {@code POST /members/verify}.
     */
    static Member signUp(Suite suite, String first, String last, String email) {
        Response r = given().baseUri(suite.url("profile")).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD, "firstName", first, "lastName", last,
                        "headline", first + " at Trellis"))
                .post("/members");
        if (r.statusCode() == 202) {
            String code = mailedCode(suite, email);
            r = given().baseUri(suite.url("profile")).contentType(ContentType.JSON)
                    .body(Map.of("email", email, "code", code)).post("/members/verify");
        }
        if (r.statusCode() != 201) {
            throw new AssertionError("sign-up of " + email + " answered " + r.statusCode() + ": " + r.asString());
        }
        return new Member(UUID.fromString(r.path("memberId")), first, last, email, PASSWORD, r.path("token"),
                r.path("refreshToken"));
    }

    /**
     * The newest sign-up code mailed to the address: the mail's {@code code}, else the 6 digits in its text or body
     * (the mailbox answers a list, or {"items": [...]}). A mail without a code (a sign-up attempt on a registered
     * address) is skipped.
     */
    static String mailedCode(Suite suite, String email) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            Response mail = given().baseUri(suite.url("profile")).header("X-Trellis-Admin-Token", suite.adminToken())
                    .queryParam("to", email).get("/admin/mail");
            last = mail.statusCode() + " " + mail.asString();
            if (mail.statusCode() == 200) {
                try {
                    JsonNode root = JSON.readTree(mail.asString());
                    JsonNode items = root.isArray() ? root : root.path("items");
                    for (JsonNode m : items) { // newest first
                        if (m.hasNonNull("code") && !m.get("code").asText().isBlank()) {
                            return m.get("code").asText();
                        }
                        for (String field : new String[] {"text", "body"}) { // or only in the mail's text
                            java.util.regex.Matcher code = CODE.matcher(m.path(field).asText(""));
                            if (code.find()) {
                                return code.group(1);
                            }
                        }
                    }
                } catch (Exception e) {
                    throw new AssertionError("the dev mailbox answered no JSON: " + last, e);
                }
            }
            sleep(200);
        }
        throw new AssertionError("no sign-up code was mailed to " + email + "; the mailbox answered " + last);
    }

    /** Logs in again (a new session); waits out a 429 of the log-in throttle. */
    Member logIn(Suite suite) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (true) {
            Response r = given().baseUri(suite.url("profile")).contentType(ContentType.JSON)
                    .body(Map.of("email", email, "password", password)).post("/sessions");
            if (r.statusCode() == 200) {
                return new Member(id, firstName, lastName, email, password, r.path("token"), r.path("refreshToken"));
            }
            if (r.statusCode() != 429 || Instant.now().isAfter(deadline)) {
                throw new AssertionError("log-in of " + email + " answered " + r.statusCode() + ": " + r.asString());
            }
            String after = r.header("Retry-After");
            sleep(1000L * Math.min(30, after == null ? 1 : Math.max(1, Long.parseLong(after.trim()))));
        }
    }

    /** The same member with another password (after a password change). */
    Member withPassword(String newPassword) {
        return new Member(id, firstName, lastName, email, newPassword, token, refreshToken);
    }

    RequestSpecification at(Suite suite, String service) {
        return at(suite.url(service));
    }

    /** A request as this member to one address: a service's front door, or one replica of it. */
    RequestSpecification at(String baseUri) {
        return given().baseUri(baseUri).header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
