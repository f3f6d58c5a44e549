package dev.trellis.connection.index;

import java.util.Arrays;

/**
 * People-you-may-know candidates from {@link GraphIndex#pymk}: member indexes ranked by mutual-connection
 * count (descending), ties broken by the lower member index. Immutable.
 */
public final class Suggestions {
    static final Suggestions NONE = new Suggestions(new int[0], new int[0]);

    private final int[] members;
    private final int[] mutualCounts;

    Suggestions(int[] members, int[] mutualCounts) {
        this.members = members;
        this.mutualCounts = mutualCounts;
    }

    public int size() {
        return members.length;
    }

    /** The member index of the {@code i}-th suggestion (0 = best). */
    public int member(int i) {
        return members[i];
    }

    /** How many connections the {@code i}-th suggestion shares with the member asked about. */
    public int mutualCount(int i) {
        return mutualCounts[i];
    }

    public int[] members() {
        return members.clone();
    }

    public int[] mutualCounts() {
        return mutualCounts.clone();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Suggestions[");
        for (int i = 0; i < members.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(members[i]).append('x').append(mutualCounts[i]);
        }
        return sb.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Suggestions s && Arrays.equals(members, s.members)
                && Arrays.equals(mutualCounts, s.mutualCounts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(members) + Arrays.hashCode(mutualCounts);
    }
}
