package dev.trellis.recommendation.domain;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The 360-degree spread of a member's accepted recommendations: which kinds (managers, co-workers, reports,
 * partners, clients) they already have, and which are missing, so they know whom to ask next.
 */
public final class Spread360 {
    public record Kind(String kind, long recommendations) {
    }

    public record Result(List<Kind> have, List<String> missing, String advice) {
    }

    /** @param relationships the relationship of every accepted recommendation (stored values) */
    public static Result of(List<String> relationships) {
        Map<Relationship.Spread, Long> counts = new EnumMap<>(Relationship.Spread.class);
        for (String r : relationships) {
            counts.merge(Relationship.spreadOf(r), 1L, Long::sum);
        }
        List<Kind> have = counts.entrySet().stream().map(e -> new Kind(e.getKey().name(), e.getValue())).toList();
        List<String> missing = Relationship.Spread.THREE_SIXTY.stream().filter(k -> !counts.containsKey(k))
                .map(Enum::name).toList();
        String advice = missing.isEmpty()
                ? "You have recommendations from every side: managers, co-workers, reports, partners and clients."
                : "For a 360-degree view, ask " + String.join(", ", missing.stream().map(Spread360::words).toList())
                + " for a recommendation.";
        return new Result(have, missing, advice);
    }

    private static String words(String kind) {
        return switch (kind) {
            case "MANAGER" -> "a manager";
            case "CO_WORKER" -> "a co-worker";
            case "REPORT" -> "someone who reported to you";
            case "PARTNER" -> "a partner";
            case "CLIENT" -> "a client";
            default -> kind.toLowerCase();
        };
    }

    private Spread360() {
    }
}
