package dev.trellis.invitation.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A member's invitation standing: the weekly quota, how much of it is used, and why it is what it is.
 *
 * <p>The standing is the sender's view, so it is built only from what the sender may know: an invitation the
 * recipient ignored or answered "I don't know this person" counts exactly like one nobody answered yet (issue 12,
 * decision 2). An ignore or an "I don't know" changes nothing the sender can see at the moment it is given.
 *
 * <p>The formula (documented in invitation-service/README.md):
 * <pre>
 *   counted  = invitations sent 14 to 90 days ago (old enough to have been answered; withdrawn ones included,
 *              mutual acceptances not)
 *   accepted = those of them accepted
 *   if counted &lt; 10:  quota = 100                                    (not enough history)
 *   else:              r = accepted / counted
 *                      quota = clamp(round(100 * 4^(2r - 1)), 5, 400)
 *                      restricted: at least 3 of the counted invitations, and at least 10% of them, were answered
 *                      "I don't know this person" at least 14 days ago  -&gt;  quota = 5
 *   used      = invitations sent in the rolling last 7 days (withdrawn ones included: sending is what counts)
 *   remaining = max(0, quota - used);  resetsAt = when the oldest of those 7-day sends leaves the window
 * </pre>
 * The reasons never say how many invitations were ignored or declined, nor which: a restricted sender learns that
 * they are restricted, and why in general, nothing more.
 */
public record Standing(int quota, int used, int remaining, Instant resetsAt, Double acceptanceRate,
                       List<String> reasons) {

    public static final int BASE_QUOTA = 100;
    public static final int MIN_QUOTA = 5;
    public static final int MAX_QUOTA = 400;
    public static final int MIN_HISTORY = 10;
    /** "I don't know" answers (of the counted invitations) from which a sender is restricted, and their share. */
    public static final int UNKNOWN_LIMIT = 3;
    public static final double UNKNOWN_SHARE = 0.1;
    public static final Duration WINDOW = Duration.ofDays(7);
    public static final Duration HISTORY = Duration.ofDays(90);
    /** Invitations younger than this do not count yet, and an "I don't know" counts this long after it was given. */
    public static final Duration MATURITY = Duration.ofDays(14);

    /**
     * The sender's record: of the invitations sent 14 to 90 days ago ({@code counted}), how many were accepted,
     * and how many were answered "I don't know this person" at least 14 days ago.
     */
    public record History(int counted, int accepted, int declinedAsUnknown) {
    }

    /**
     * @param history      outcomes of the counted invitations
     * @param recentSends  when the invitations of the last 7 days were sent
     */
    public static Standing compute(History history, List<Instant> recentSends, Instant now) {
        List<String> reasons = new ArrayList<>();
        int quota;
        Double rate = null;
        int counted = history.counted();
        if (counted < MIN_HISTORY) {
            quota = BASE_QUOTA;
            reasons.add("standard weekly limit of " + BASE_QUOTA + ": fewer than " + MIN_HISTORY
                    + " of your invitations were sent 14 to 90 days ago");
        } else {
            double r = (double) history.accepted() / counted;
            rate = r;
            double raw = BASE_QUOTA * Math.pow(4, 2 * r - 1);
            quota = (int) Math.max(MIN_QUOTA, Math.min(MAX_QUOTA, Math.round(raw)));
            reasons.add(Math.round(r * 100) + "% of your " + counted + " invitations sent 14 to 90 days ago were accepted"
                    + (r >= 0.5 ? ": your limit is raised" : ": your limit is lowered"));
            int unknown = history.declinedAsUnknown();
            if (unknown >= UNKNOWN_LIMIT && unknown >= UNKNOWN_SHARE * counted) {
                quota = MIN_QUOTA;
                reasons.add("members you invited said they don't know you: your limit is restricted; invite people you know");
            }
            if (quota == MAX_QUOTA) {
                reasons.add("you are at the highest weekly limit (" + MAX_QUOTA + ")");
            } else if (quota == MIN_QUOTA) {
                reasons.add("you are at the lowest weekly limit (" + MIN_QUOTA + ")");
            }
        }
        Instant windowStart = now.minus(WINDOW);
        List<Instant> inWindow = recentSends.stream().filter(t -> t.isAfter(windowStart))
                .sorted(Comparator.naturalOrder()).toList();
        int used = inWindow.size();
        Instant resetsAt = inWindow.isEmpty() ? null : inWindow.get(0).plus(WINDOW);
        return new Standing(quota, used, Math.max(0, quota - used), resetsAt, rate, List.copyOf(reasons));
    }
}
