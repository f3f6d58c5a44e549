package dev.trellis.invitation.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A member's invitation standing: the weekly quota, how much of it is used, and why it is what it is.
 *
 * <p>The formula (documented in invitation-service/README.md):
 * <pre>
 *   answered = accepted + ignored + declinedAsUnknown + expired      (sent in the last 90 days; withdrawn ones don't count)
 *   if answered &lt; 10:  quota = 100                                   (not enough history)
 *   else:               r = accepted / answered,  u = declinedAsUnknown / answered
 *                       quota = clamp(round(100 * 4^(2r - 1) * max(0, 1 - 2u)), 5, 400)
 *   used      = invitations sent in the rolling last 7 days (withdrawn ones included: sending is what counts)
 *   remaining = max(0, quota - used);  resetsAt = when the oldest of those 7-day sends leaves the window
 * </pre>
 * So r = 50% keeps 100 a week, everything accepted earns 400, mostly ignored falls towards 25, and members
 * many recipients do not know drop to the floor of 5.
 */
public record Standing(int quota, int used, int remaining, Instant resetsAt, Double acceptanceRate,
                       List<String> reasons) {

    public static final int BASE_QUOTA = 100;
    public static final int MIN_QUOTA = 5;
    public static final int MAX_QUOTA = 400;
    public static final int MIN_HISTORY = 10;
    public static final Duration WINDOW = Duration.ofDays(7);
    public static final Duration HISTORY = Duration.ofDays(90);

    /** The sender's record over the last 90 days. */
    public record History(int accepted, int ignored, int declinedAsUnknown, int expired) {
        int answered() {
            return accepted + ignored + declinedAsUnknown + expired;
        }
    }

    /**
     * @param history      outcomes of the invitations sent in the last 90 days
     * @param recentSends  when the invitations of the last 7 days were sent
     */
    public static Standing compute(History history, List<Instant> recentSends, Instant now) {
        List<String> reasons = new ArrayList<>();
        int quota;
        Double rate = null;
        int answered = history.answered();
        if (answered < MIN_HISTORY) {
            quota = BASE_QUOTA;
            reasons.add("standard weekly limit of " + BASE_QUOTA + ": fewer than " + MIN_HISTORY
                    + " of your invitations were answered in the last 90 days");
        } else {
            double r = (double) history.accepted() / answered;
            double u = (double) history.declinedAsUnknown() / answered;
            rate = r;
            double raw = BASE_QUOTA * Math.pow(4, 2 * r - 1) * Math.max(0, 1 - 2 * u);
            quota = (int) Math.max(MIN_QUOTA, Math.min(MAX_QUOTA, Math.round(raw)));
            reasons.add(Math.round(r * 100) + "% of your " + answered + " answered invitations of the last 90 days were accepted"
                    + (r >= 0.5 ? ": your limit is raised" : ": your limit is lowered"));
            if (history.ignored() + history.expired() > 0) {
                reasons.add((history.ignored() + history.expired()) + " were ignored or left unanswered");
            }
            if (history.declinedAsUnknown() > 0) {
                reasons.add(history.declinedAsUnknown() + " recipients said they don't know you: invite people you know");
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
