package dev.trellis.profile.domain;

import dev.trellis.platform.domain.DomainException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PasswordPolicyTest {

    @Test
    void at_least_ten_characters() {
        assertEquals("password", assertThrows(DomainException.class, () -> PasswordPolicy.check("password", "123456789")).field());
        assertThrows(DomainException.class, () -> PasswordPolicy.check("password", null));
        assertDoesNotThrow(() -> PasswordPolicy.check("password", "1234567890"));
        assertDoesNotThrow(() -> PasswordPolicy.check("password", "ééééééééé\uD83D\uDD11"), "ten characters, not ten chars");
    }

    @Test
    void at_most_the_72_bytes_bcrypt_reads() {
        assertDoesNotThrow(() -> PasswordPolicy.check("newPassword", "x".repeat(72)));
        assertEquals("newPassword", assertThrows(DomainException.class,
                () -> PasswordPolicy.check("newPassword", "x".repeat(73))).field());
        assertDoesNotThrow(() -> PasswordPolicy.check("password", "é".repeat(36)));
        assertThrows(DomainException.class, () -> PasswordPolicy.check("password", "é".repeat(37)), "74 bytes");
    }
}
