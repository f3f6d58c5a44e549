package dev.trellis.recommendation.domain;

import dev.trellis.platform.domain.DomainException;

import java.util.Map;

/** Rules every free text a member sends must follow, whatever it is. */
public final class TextRules {
    /**
     * PostgreSQL can store no U+0000 (NUL) character, neither in a text column nor in the event store's jsonb: a text
     * holding one is refused as a 400 naming the field, instead of failing as a 500 when it reaches the database.
     */
    public static String storable(String field, String value) {
        if (value != null && value.indexOf('\0') >= 0) {
            throw DomainException.invalid(field, "must not contain the NUL character (U+0000)");
        }
        return value;
    }

    /** {@link #storable} for every key and value of a map (e.g. template values). */
    public static void storable(String field, Map<String, String> values) {
        if (values != null) {
            values.forEach((k, v) -> {
                storable(field, k);
                storable(field, v);
            });
        }
    }

    private TextRules() {
    }
}
