package dev.trellis.profile.domain;

import dev.trellis.platform.domain.DomainException;

/** Rules every text a member writes shares: no control characters (PostgreSQL cannot even store a NUL). */
public final class Text {
    private Text() {
    }

    /** 400 naming the field if a one-line text holds a control character (tab and line breaks included). */
    public static String line(String field, String value) {
        return check(field, value, false);
    }

    /** 400 naming the field if a multi-line text holds a control character other than tab, CR and LF. */
    public static String multiLine(String field, String value) {
        return check(field, value, true);
    }

    private static String check(String field, String value, boolean lineBreaks) {
        if (value != null && value.chars().anyMatch(c -> (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
                && !(lineBreaks && (c == '\n' || c == '\r' || c == '\t')))) {
            throw DomainException.invalid(field, "must not contain control characters");
        }
        return value;
    }
}
