package dev.trellis.profile.api;

import dev.trellis.events.Topics;
import dev.trellis.events.connection.ConnectionMade;
import dev.trellis.testing.KafkaProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Shared steps of the API tests: members signed up through the API, connections fed as connection events. */
final class Api {
    static final String PASSWORD = "correct horse battery";

    record M(UUID id, String email, String token, String refreshToken, String first, String last) {
        RequestSpecification as() {
            return given().header("Authorization", "Bearer " + token);
        }
    }

    static final String ADMIN_TOKEN = "test-admin-token";

    /** Signs up through both steps: POST /members (202), the code from the dev mailbox, POST /members/verify (201). */
    static M signUp(String first, String last) {
        String email = first.toLowerCase() + "." + UUID.randomUUID() + "@example.com";
        given().contentType(ContentType.JSON)
                .body("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"firstName\":\"" + first
                        + "\",\"lastName\":\"" + last + "\",\"headline\":\"" + first + "'s headline\"}")
                .post("/members").then().statusCode(202);
        var r = verify(email, code(email)).then().statusCode(201).extract();
        return new M(UUID.fromString(r.path("memberId")), email, r.path("token"), r.path("refreshToken"), first, last);
    }

    /** The mails of the dev mailbox to an address, newest first. */
    static List<java.util.Map<String, Object>> mailTo(String email) {
        return given().header("X-Trellis-Admin-Token", ADMIN_TOKEN).queryParam("to", email).get("/admin/mail")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    /** The code of the newest verification mail to an address (fails if there is none). */
    static String code(String email) {
        for (var m : mailTo(email)) {
            var code = java.util.regex.Pattern.compile("\\b(\\d{6})\\b").matcher(String.valueOf(m.get("body")));
            if (code.find()) {
                return code.group(1);
            }
        }
        throw new AssertionError("no verification code mailed to " + email);
    }

    static io.restassured.response.Response verify(String email, String code) {
        return given().contentType(ContentType.JSON).body("{\"email\":\"" + email + "\",\"code\":\"" + code + "\"}")
                .post("/members/verify");
    }

    /** The claims of a JWT (not verified: the service did that). */
    static io.restassured.path.json.JsonPath claims(String jwt) {
        return new io.restassured.path.json.JsonPath(new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Connects two members as connection-service would announce it, and waits until profile-service knows. */
    static void connect(M a, M b) {
        connect(a.id(), b.id());
    }

    static void connect(UUID a, UUID b) {
        UUID x = a.compareTo(b) <= 0 ? a : b;
        UUID y = x.equals(a) ? b : a;
        KafkaProbe.publish(new ConnectionMade(x, y, UUID.randomUUID(), Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM member_connection WHERE member_id = '" + a + "' AND other_id = '" + b + "'") == 1);
    }

    static long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> {
            EntityManager em = io.quarkus.arc.Arc.container().instance(EntityManager.class).get();
            return ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
        });
    }

    /** Waits for and returns the published records of a type that match. */
    static List<ConsumerRecord<String, String>> published(String type, Predicate<ConsumerRecord<String, String>> filter,
                                                          int atLeast) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            found.clear();
            found.addAll(KafkaProbe.find(Topics.PROFILE, "trellis.profile." + type + ".v1", filter));
            return found.size() >= atLeast;
        });
        return found;
    }

    private Api() {
    }
}
