package dev.trellis.platform.domain;

/**
 * The one rule of how a member's name is shown to another member, applied by every service that shows names.
 * A member whose {@code profileVisibility} is {@value #NAME_INITIAL} is shown to an out-of-network viewer (3rd degree
 * and beyond, or not connected at all) as the first name and the initial of the last name only ("Olivia T."),
 * with no headline, company or anything else of the profile. Services that do not know 2nd-degree connections
 * pass degree 1 for a 1st-degree connection, 0 for the member themself and 3 for everybody else: they hide a
 * little more than the graph would, never less.
 */
public final class NameVisibility {
    public static final String FULL = "FULL";
    public static final String NAME_INITIAL = "NAME_INITIAL";

    /** The viewer's view of a member's name: {@code restricted} says that the rest of the profile is hidden too. */
    public record Shown(String firstName, String lastName, String displayName, boolean restricted) {
    }

    private NameVisibility() {
    }

    /**
     * The degree as a service that knows only 1st-degree connections counts it: 0 for the member themself, 1 for a
     * connection, 3 for everybody else (it hides a little more than the graph would, never less).
     */
    public static int firstDegreeOnly(boolean self, boolean connected) {
        return self ? 0 : connected ? 1 : 3;
    }

    /** True when the viewer at {@code degree} (0 = self) sees only the first name and last initial. */
    public static boolean restricted(String profileVisibility, int degree) {
        return NAME_INITIAL.equals(profileVisibility) && degree >= 3;
    }

    /** "Taylor" -> "T."; empty or null -> "". */
    public static String initial(String lastName) {
        return lastName == null || lastName.isEmpty() ? "" : lastName.substring(0, lastName.offsetByCodePoints(0, 1)) + ".";
    }

    public static Shown show(String firstName, String lastName, String profileVisibility, int degree) {
        boolean hide = restricted(profileVisibility, degree);
        String first = firstName == null ? "" : firstName;
        String last = hide ? initial(lastName) : (lastName == null ? "" : lastName);
        String display = last.isEmpty() ? first : first + " " + last;
        return new Shown(first, last, display, hide);
    }
}
