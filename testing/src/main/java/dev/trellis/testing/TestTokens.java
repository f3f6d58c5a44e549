package dev.trellis.testing;

import io.smallrye.jwt.build.Jwt;

import java.time.Duration;
import java.util.UUID;

/** Bearer tokens for tests, signed with {@link TestKeys} the way profile-service signs real ones. */
public final class TestTokens {
    public static final String ISSUER = "https://trellis.dev";

    public static String forMember(UUID memberId) {
        return Jwt.issuer(ISSUER).subject(memberId.toString()).upn(memberId.toString()).groups("member")
                .expiresIn(Duration.ofHours(1)).sign(TestKeys.privateKey());
    }

    /** A token of one session ({@code sid} claim), as profile-service issues them. */
    public static String forSession(UUID memberId, UUID sessionId) {
        return Jwt.issuer(ISSUER).subject(memberId.toString()).upn(memberId.toString()).groups("member")
                .claim("sid", sessionId.toString()).expiresIn(Duration.ofMinutes(15)).sign(TestKeys.privateKey());
    }

    public static String bearer(UUID memberId) {
        return "Bearer " + forMember(memberId);
    }

    private TestTokens() {
    }
}
