package dev.trellis.profile.domain;

import dev.trellis.platform.domain.DomainException;

import java.nio.charset.StandardCharsets;

/**
 * What a new password must be: at least 10 characters, and at most 72 bytes in UTF-8, because bcrypt reads only
 * the first 72 bytes: a longer password would be accepted while its tail counted for nothing (anyone who knew
 * the first 72 bytes could log in with any tail).
 */
public final class PasswordPolicy {
    public static final int MIN_CHARACTERS = 10;
    public static final int MAX_BYTES = 72;

    private PasswordPolicy() {
    }

    /** 400 naming {@code field} unless the password may be set. */
    public static void check(String field, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_CHARACTERS) {
            throw DomainException.invalid(field, "must be at least " + MIN_CHARACTERS + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw DomainException.invalid(field, "must be at most " + MAX_BYTES + " bytes in UTF-8 (" + MAX_BYTES
                    + " letters of the Latin alphabet, fewer of other scripts)");
        }
    }
}
