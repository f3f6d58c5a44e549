package dev.trellis.connection.api;

import dev.trellis.platform.security.CachingPrincipalFactory;
import dev.trellis.testing.TestKeys;
import dev.trellis.testing.TestTokens;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A member's token is verified once and its claims reused; a token that does not verify is never let through. */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_connection_test"))
class TokenCacheApiTest {

    @Test
    void the_same_token_is_verified_once() {
        UUID me = UUID.randomUUID();
        String token = TestTokens.bearer(me);
        given().header("Authorization", token).get("/blocks").then().statusCode(200);
        long before = CachingPrincipalFactory.verifications();
        for (int i = 0; i < 5; i++) {
            given().header("Authorization", token).get("/blocks").then().statusCode(200);
        }
        assertEquals(before, CachingPrincipalFactory.verifications());
        given().header("Authorization", TestTokens.bearer(UUID.randomUUID())).get("/blocks")
                .then().statusCode(200);
        assertEquals(before + 1, CachingPrincipalFactory.verifications());
    }

    @Test
    void expired_tampered_and_foreign_tokens_are_refused_every_time() {
        UUID me = UUID.randomUUID();
        String expired = Jwt.issuer(TestTokens.ISSUER).subject(me.toString()).upn(me.toString()).groups("member")
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600))
                .sign(TestKeys.privateKey());
        String valid = TestTokens.forMember(me);
        String[] parts = valid.split("\\.");
        String otherSubject = TestTokens.forMember(UUID.randomUUID()).split("\\.")[1];
        String tampered = parts[0] + "." + otherSubject + "." + parts[2];
        String wrongIssuer = Jwt.issuer("https://evil.example").subject(me.toString()).upn(me.toString())
                .groups("member").sign(TestKeys.privateKey());
        given().header("Authorization", "Bearer " + valid).get("/blocks").then().statusCode(200);
        for (int i = 0; i < 2; i++) {
            for (String bad : new String[]{expired, tampered, wrongIssuer}) {
                given().header("Authorization", "Bearer " + bad).get("/blocks")
                        .then().statusCode(401);
            }
        }
    }
}
