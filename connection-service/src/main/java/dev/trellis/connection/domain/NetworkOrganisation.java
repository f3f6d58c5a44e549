package dev.trellis.connection.domain;

import dev.trellis.platform.domain.DomainException;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** Rules of a member's own organisation of their network: tags, VIP pins, suggestion dismissals. */
public final class NetworkOrganisation {
    public static final int MAX_VIPS = 20;
    public static final int MAX_TAG_LENGTH = 40;
    public static final Set<String> DISMISS_REASONS = Set.of("dont-know", "not-relevant", "other");

    /** A tag is trimmed, lower-cased, 1-40 characters of letters, digits, spaces, '-' or '_'. */
    public static String tag(String raw) {
        String t = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.length() > MAX_TAG_LENGTH || !t.matches("[\\p{L}\\p{N} _-]+")) {
            throw DomainException.rule("invalid-tag", "a tag is 1 to " + MAX_TAG_LENGTH
                    + " letters, digits, spaces, '-' or '_'");
        }
        return t;
    }

    /** Only your own 1st-degree connections can be tagged or pinned. */
    public static void requireConnection(boolean connected) {
        if (!connected) {
            throw DomainException.notFound("not-connected", "you are not connected with this member");
        }
    }

    /** The new VIP list, in the member's order: at most 20, no duplicates, all of them connections. */
    public static List<UUID> vips(List<UUID> ordered, Set<UUID> connections) {
        if (ordered.size() > MAX_VIPS) {
            throw DomainException.rule("too-many-vips", "at most " + MAX_VIPS + " VIPs");
        }
        Set<UUID> seen = new HashSet<>();
        for (UUID id : ordered) {
            if (!seen.add(id)) {
                throw DomainException.rule("duplicate-vip", "a member appears twice in the VIP list");
            }
            if (!connections.contains(id)) {
                throw DomainException.rule("vip-not-a-connection", "VIPs are chosen among your connections: " + id);
            }
        }
        return List.copyOf(ordered);
    }

    public static String dismissReason(String raw) {
        String r = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (!DISMISS_REASONS.contains(r)) {
            throw DomainException.rule("invalid-dismiss-reason", "reason is one of dont-know, not-relevant, other");
        }
        return r;
    }

    private NetworkOrganisation() {
    }
}
