package dev.trellis.invitation.domain;

import dev.trellis.platform.domain.DomainException;

import java.util.Arrays;
import java.util.Locale;

/** "How do you know each other?" — shown to the recipient with the invitation. */
public enum Relationship {
    COLLEAGUE("colleague"), CLASSMATE("classmate"), CLIENT_PARTNER("client-partner"),
    INDUSTRY_CONTACT("industry-contact"), FRIEND_FAMILY("friend-family"), OTHER("other");

    private final String code;

    Relationship(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** null for null / blank; 422 unknown-relationship otherwise unless it is one of the codes. */
    public static String normalize(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(r -> r.code.equals(v)).findFirst().map(Relationship::code)
                .orElseThrow(() -> DomainException.rule("unknown-relationship", "relationship is one of "
                        + String.join(", ", Arrays.stream(values()).map(Relationship::code).toList())));
    }
}
