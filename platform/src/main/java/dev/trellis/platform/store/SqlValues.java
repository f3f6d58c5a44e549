package dev.trellis.platform.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Conversions of values that native queries return. */
public final class SqlValues {
    /** A timestamp column as an Instant (the driver gives Instant, OffsetDateTime or Timestamp); null stays null. */
    public static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (o instanceof Timestamp ts) {
            return ts.toInstant();
        }
        throw new IllegalArgumentException("not a timestamp: " + o.getClass());
    }

    private SqlValues() {
    }
}
