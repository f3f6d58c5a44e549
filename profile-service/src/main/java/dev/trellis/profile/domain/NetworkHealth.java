package dev.trellis.profile.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a member's network compares with the range that suits their career level (shared/domain/04), and what to
 * do about it. Quality over quantity: above the range the advice is to keep it relevant, never to add more.
 */
public final class NetworkHealth {
    /** Below this many settled invitations the acceptance rate says nothing yet. */
    public static final int MIN_SENT_FOR_RATE = 5;
    /**
     * An invitation counts in the acceptance rate once it is accepted or this old (two reminders have gone out):
     * whether it was ignored or answered "I don't know this person" never matters, so the rate cannot reveal it.
     */
    public static final Duration SETTLED_AFTER = Duration.ofDays(14);
    public static final double LOW_ACCEPTANCE = 0.5;
    /** Share of connections from one company above which the network is one-sided. */
    public static final double ONE_SIDED = 0.8;
    public static final int MIN_CONNECTIONS_FOR_SHAPE = 10;

    public enum Status { UNKNOWN_CAREER_LEVEL, BELOW_TARGET, IN_RANGE, ABOVE_RANGE }

    /**
     * What is known of the member.
     *
     * @param invitationsSent       invitations sent, withdrawn ones excluded
     * @param invitationsPending    of those, the ones still open as the sender sees them: not answered yet, and
     *                              (silently, LinkedIn's rule) also the ignored ones and those answered "I don't know
     *                              this person", until they expire like any other
     * @param invitationsAccepted   of those, accepted
     * @param invitationsSettled    of those, the ones the acceptance rate is over: accepted, or sent at least
     *                              {@link #SETTLED_AFTER} ago (whatever became of them)
     * @param classmates            connections who list one of the member's schools
     * @param colleagues            connections who list one of the member's companies
     * @param largestCompanyShare   connections from the single most common company among them, as a count
     */
    public record Facts(CareerLevel careerLevel, int connections, int invitationsSent, int invitationsPending,
                        int invitationsAccepted, int invitationsSettled,
                        boolean listsEducation, boolean listsPositions, int classmates, int colleagues,
                        int largestCompanyShare, int groups) {
    }

    public record Advice(String code, String text) {
    }

    public record Report(CareerLevel careerLevel, int connections, Integer targetMin, Integer targetMax, Status status,
                         int invitationsSent, int invitationsPending, int invitationsAccepted, Double acceptanceRate,
                         List<Advice> advice) {
    }

    private NetworkHealth() {
    }

    public static Report assess(Facts f) {
        CareerLevel level = f.careerLevel();
        Status status;
        if (level == null) {
            status = Status.UNKNOWN_CAREER_LEVEL;
        } else if (f.connections() < level.targetMin()) {
            status = Status.BELOW_TARGET;
        } else if (level.targetMax() != null && f.connections() > level.targetMax()) {
            status = Status.ABOVE_RANGE;
        } else {
            status = Status.IN_RANGE;
        }
        // accepted among the settled ones (accepted, or old enough): a recent invitation is no verdict yet, and what
        // the recipient did with one they did not accept (nothing, ignore, "I don't know") never counts
        Double rate = f.invitationsSettled() >= MIN_SENT_FOR_RATE
                ? (double) f.invitationsAccepted() / f.invitationsSettled() : null;

        List<Advice> advice = new ArrayList<>();
        if (status == Status.UNKNOWN_CAREER_LEVEL) {
            advice.add(new Advice("set-career-level",
                    "Set your career level to see how your network compares with the range that suits it."));
        }
        if (rate != null && rate < LOW_ACCEPTANCE) {
            advice.add(new Advice("personalize-invitations",
                    "Fewer than half of your invitations are accepted: add a personal note saying how you know each other."));
            advice.add(new Advice("connect-with-people-you-know",
                    "Invite people you already know and trust rather than strangers."));
        }
        if (status == Status.BELOW_TARGET || status == Status.UNKNOWN_CAREER_LEVEL) {
            boolean early = level == CareerLevel.STUDENT || level == CareerLevel.RECENT_GRADUATE;
            if (!f.listsEducation() && early) {
                advice.add(new Advice("add-education", "Add your school so classmates can find you."));
            }
            if (f.listsEducation() && (f.classmates() == 0 || early)) {
                advice.add(new Advice("reconnect-with-classmates",
                        "Reconnect with classmates and teachers from your schools."));
            }
            if (!f.listsPositions() && !early && level != null) {
                advice.add(new Advice("add-positions", "Add your positions so former colleagues can find you."));
            }
            if (f.listsPositions() && f.colleagues() == 0) {
                advice.add(new Advice("reconnect-with-colleagues",
                        "Reconnect with current and former colleagues: search for them by company."));
            }
            if (f.connections() < 10) {
                advice.add(new Advice("import-contacts",
                        "Upload your address book to find the people you know who are already members."));
            }
            if (f.groups() == 0) {
                advice.add(new Advice("join-groups", "Join groups for your school, industry or interests."));
            }
        }
        if (f.connections() >= MIN_CONNECTIONS_FOR_SHAPE
                && f.largestCompanyShare() > ONE_SIDED * f.connections()) {
            advice.add(new Advice("broaden-your-network",
                    "Most of your connections work at one company: connect with people in your wider industry too."));
        }
        if (status == Status.IN_RANGE || status == Status.ABOVE_RANGE) {
            advice.add(new Advice("quality-over-quantity",
                    "Your network is the right size: keep it relevant, follow up with new connections and stay in touch."));
        }
        return new Report(level, f.connections(), level == null ? null : level.targetMin(),
                level == null ? null : level.targetMax(), status, f.invitationsSent(), f.invitationsPending(),
                f.invitationsAccepted(),
                rate, List.copyOf(advice));
    }
}
