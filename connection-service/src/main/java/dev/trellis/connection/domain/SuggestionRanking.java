package dev.trellis.connection.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * How People You May Know are ranked and explained. A suggestion scores one point per mutual connection, plus
 * {@value #CURRENT_COMPANY} for a company both work at now, {@value #PAST_COMPANY} for a company both worked at,
 * {@value #SCHOOL} per shared school, {@value #GROUP} per shared group (at most {@value #MAX_GROUPS} count) and
 * {@value #CITY} for the same city. Ties go to more mutual connections, then to the lower member id, so the
 * order is stable across pages: member ids compared as their canonical lowercase UUID strings (which is the
 * unsigned order of the two 64-bit halves, and PostgreSQL's order of uuid; not {@link UUID#compareTo}, which
 * compares the halves signed). The list is cut to its first {@value #MAX}. Each suggestion carries the reasons a
 * member reads.
 */
public final class SuggestionRanking {
    static final int CURRENT_COMPANY = 4;
    static final int PAST_COMPANY = 3;
    static final int SCHOOL = 2;
    static final int GROUP = 1;
    static final int MAX_GROUPS = 3;
    static final int CITY = 1;
    /** The most suggestions a member gets (in all, over every page). */
    public static final int MAX = 400;

    /** Member ids in the order of their canonical lowercase strings ("0..." < "9..." < "a..." < "f..."). */
    public static final Comparator<UUID> MEMBER_ID_ORDER = (x, y) -> {
        int c = Long.compareUnsigned(x.getMostSignificantBits(), y.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(x.getLeastSignificantBits(), y.getLeastSignificantBits());
    };

    public record Candidate(UUID memberId, int mutualConnections, SharedFacts shared) {
    }

    public record Ranked(UUID memberId, int mutualConnections, int score, List<String> reasons) {
    }

    public static List<Ranked> rank(List<Candidate> candidates) {
        List<Ranked> out = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            out.add(new Ranked(c.memberId(), c.mutualConnections(), score(c), reasons(c)));
        }
        out.sort(Comparator.comparingInt(Ranked::score).reversed()
                .thenComparing(Comparator.comparingInt(Ranked::mutualConnections).reversed())
                .thenComparing(Ranked::memberId, MEMBER_ID_ORDER));
        return out;
    }

    /** The first {@value #MAX} of {@link #rank}. */
    public static List<Ranked> top(List<Candidate> candidates) {
        List<Ranked> all = rank(candidates);
        return all.size() <= MAX ? all : List.copyOf(all.subList(0, MAX));
    }

    static int score(Candidate c) {
        SharedFacts s = c.shared();
        return c.mutualConnections() + CURRENT_COMPANY * s.currentCompanies().size()
                + PAST_COMPANY * s.pastCompanies().size() + SCHOOL * s.schools().size()
                + GROUP * Math.min(MAX_GROUPS, s.groups().size()) + (s.city() == null ? 0 : CITY);
    }

    /** "12 mutual connections", "also works at Acme", "also worked at Initech", "also studied at MIT", ... */
    public static List<String> reasons(Candidate c) {
        List<String> reasons = new ArrayList<>();
        int m = c.mutualConnections();
        if (m > 0) {
            reasons.add(m + (m == 1 ? " mutual connection" : " mutual connections"));
        }
        SharedFacts s = c.shared();
        s.currentCompanies().forEach(x -> reasons.add("also works at " + x));
        s.pastCompanies().forEach(x -> reasons.add("also worked at " + x));
        s.schools().forEach(x -> reasons.add("also studied at " + x));
        s.groups().forEach(x -> reasons.add("also a member of " + x));
        if (s.city() != null) {
            reasons.add("also in " + s.city());
        }
        return reasons;
    }

    private SuggestionRanking() {
    }
}
