package dev.trellis.profile.application;

import dev.trellis.profile.domain.AddressBook;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * HMAC-SHA256 of a normalised e-mail address (trimmed, lower case), hex: what contacts import matches on and
 * what the log-in throttle is keyed by. The V3 migration computes the same value in SQL (pgcrypto) for the
 * members who existed before it, with the same key (a Flyway placeholder).
 */
@ApplicationScoped
public class EmailHasher {
    private final SecretKeySpec key;

    public EmailHasher(@ConfigProperty(name = "trellis.contacts.email-hmac-key") String key) {
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The HMAC of an address normalised by trimming and lower-casing. */
    public String hmac(String email) {
        String normalized = email.strip().toLowerCase(Locale.ROOT);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(normalized.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The HMAC of an address from an upload, or null if it is not an address. */
    public String hmacOfContact(String raw) {
        String n = AddressBook.normalizeEmail(raw);
        return n == null ? null : hmac(n);
    }
}
