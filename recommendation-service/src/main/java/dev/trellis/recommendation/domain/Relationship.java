package dev.trellis.recommendation.domain;

import dev.trellis.platform.domain.DomainException;

import java.util.Arrays;
import java.util.Locale;

/**
 * How the author knows the recipient, as the author states it ("I managed Bob directly", "I reported to Bob"...),
 * and the 360-degree kind it counts for (managers, co-workers, reports, partners, clients; school and mentoring
 * relationships count as OTHER).
 */
public enum Relationship {
    /** the author managed the recipient directly: the recipient gains a manager's view */
    MANAGED_DIRECTLY(Spread.MANAGER),
    /** the author was senior to the recipient but did not manage them directly */
    SENIOR_TO(Spread.MANAGER),
    /** the author reported directly to the recipient */
    REPORTED_TO(Spread.REPORT),
    /** the author worked with the recipient in the same group */
    WORKED_WITH(Spread.CO_WORKER),
    /** the author worked with the recipient in different groups or companies */
    WORKED_WITH_OTHER_TEAM(Spread.CO_WORKER),
    /** the author was a client of the recipient */
    CLIENT_OF(Spread.CLIENT),
    /** the author and the recipient were business partners */
    PARTNER_OF(Spread.PARTNER),
    /** the author studied together with the recipient */
    STUDIED_WITH(Spread.OTHER),
    /** the author taught the recipient */
    TAUGHT(Spread.OTHER),
    /** the author mentored the recipient */
    MENTORED(Spread.OTHER);

    /** The kinds of people a 360-degree set of recommendations comes from. */
    public enum Spread {
        MANAGER, CO_WORKER, REPORT, PARTNER, CLIENT, OTHER;

        /** The five kinds a member should aim for (OTHER is not one of them). */
        public static final java.util.List<Spread> THREE_SIXTY = java.util.List.of(MANAGER, CO_WORKER, REPORT, PARTNER, CLIENT);
    }

    private final Spread spread;

    Relationship(Spread spread) {
        this.spread = spread;
    }

    public Spread spread() {
        return spread;
    }

    /** The first API's values, still understood (the same mapping as migration V3 applied to stored rows). */
    private static final java.util.Map<String, Relationship> LEGACY = java.util.Map.of(
            "MANAGER", MANAGED_DIRECTLY, "REPORT", REPORTED_TO, "COLLEAGUE", WORKED_WITH, "CLIENT", CLIENT_OF,
            "PARTNER", PARTNER_OF, "CLASSMATE", STUDIED_WITH, "TEACHER", TAUGHT, "MENTOR", MENTORED);

    /**
     * "Worked with", "worked-with" and "WORKED_WITH" are the same, and the first API's lower-case values
     * (colleague, manager, ...) are still understood; anything else is 422 unknown-relationship.
     */
    public static Relationship parse(String value) {
        String key = value == null ? "" : value.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (Relationship r : values()) {
            if (r.name().equals(key)) {
                return r;
            }
        }
        if (LEGACY.containsKey(key)) {
            return LEGACY.get(key);
        }
        throw DomainException.rule("unknown-relationship", "relationship is one of "
                + String.join(", ", Arrays.stream(values()).map(Enum::name).toList()));
    }

    /** Null or blank is null (an optional relationship); otherwise as {@link #parse}. */
    public static Relationship parseOptional(String value) {
        return value == null || value.isBlank() ? null : parse(value);
    }

    /** A relationship read back from history (unknown legacy values count as OTHER). */
    public static Spread spreadOf(String stored) {
        if (stored == null) {
            return Spread.OTHER;
        }
        try {
            return parse(stored).spread();
        } catch (DomainException e) {
            return Spread.OTHER;
        }
    }
}
