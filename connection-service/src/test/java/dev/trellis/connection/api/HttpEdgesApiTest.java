package dev.trellis.connection.api;

import dev.trellis.testing.TestTokens;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Odd requests that used to escape the problem+json mappers (platform behaviour, tested through one service):
 * a repeated JSON key, a very long URI.
 */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_connection_test"))
class HttpEdgesApiTest {

    @Test
    void a_repeated_json_key_is_a_400_problem() {
        UUID me = UUID.randomUUID();
        String body = "{\"memberId\":\"" + UUID.randomUUID() + "\",\"memberId\":\"" + UUID.randomUUID() + "\"}";
        given().header("Authorization", TestTokens.bearer(me)).contentType("application/json").body(body)
                .post("/blocks").then().statusCode(400).contentType("application/problem+json")
                .body("reason", equalTo("malformed-request"));
    }

    @Test
    void a_uri_of_some_kilobytes_is_a_414_problem() {
        UUID me = UUID.randomUUID();
        String longId = "x".repeat(9000);
        given().header("Authorization", TestTokens.bearer(me)).get("/members/" + longId + "/connections")
                .then().statusCode(414).contentType("application/problem+json")
                .body("reason", equalTo("uri-too-long"));
    }

    @Test
    void a_body_over_the_limit_is_a_413_problem() throws Exception {
        String answer = raw("POST /blocks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 20000000\r\n\r\n{\"memberId\":");
        org.junit.jupiter.api.Assertions.assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        org.junit.jupiter.api.Assertions.assertTrue(answer.contains("\"reason\":\"body-too-large\""), answer);
    }

    private static String raw(String request) throws Exception {
        int port = io.restassured.RestAssured.port;
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = s.getInputStream().read(buf)) > 0) {
                    out.write(buf, 0, n);
                    if (out.toString(java.nio.charset.StandardCharsets.UTF_8).contains("}")) {
                        break;
                    }
                }
            } catch (java.net.SocketTimeoutException | java.net.SocketException end) {
                // what arrived is the answer
            }
            return out.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
