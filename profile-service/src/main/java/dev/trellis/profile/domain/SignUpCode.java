package dev.trellis.profile.domain;

import dev.trellis.platform.domain.DomainException;

import java.time.Instant;

/**
 * The code mailed to confirm a sign-up: it is good until {@code expiresAt} and for {@code maxAttempts} tries; a
 * wrong, expired or used-up code answers one and the same 422 {@code verification-failed}, so the answer does not
 * tell whether a sign-up is pending for the address.
 *
 * @param attempts wrong codes tried so far
 */
public record SignUpCode(int attempts, Instant expiresAt) {

    public enum Outcome { VERIFIED, WRONG, USED_UP }

    /** The outcome of presenting a code that {@code matches} (or not) at {@code now}. */
    public Outcome present(boolean matches, Instant now, int maxAttempts) {
        if (!now.isBefore(expiresAt) || attempts >= maxAttempts) {
            return Outcome.USED_UP;
        }
        if (matches) {
            return Outcome.VERIFIED;
        }
        return attempts + 1 >= maxAttempts ? Outcome.USED_UP : Outcome.WRONG;
    }

    public static DomainException failed() {
        return DomainException.rule("verification-failed", "the code is wrong or expired: sign up again for a new one");
    }
}
