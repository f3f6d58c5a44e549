package dev.trellis.events.connection;

import java.util.UUID;

/** The canonical key of an unordered member pair: the two ids, smaller first, joined by '+'. */
public final class MemberPair {
    public static String key(UUID a, UUID b) {
        return a.compareTo(b) <= 0 ? a + "+" + b : b + "+" + a;
    }

    private MemberPair() {
    }
}
