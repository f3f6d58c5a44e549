package dev.trellis.recommendation.domain;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.recommendation.IntroductionDeclined;
import dev.trellis.events.recommendation.IntroductionForwarded;
import dev.trellis.events.recommendation.IntroductionRequested;
import dev.trellis.platform.domain.DomainException;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An introduction (stream "introduction-&lt;id&gt;"): a member asks a mutual connection (the introducer) to introduce
 * them to a 2nd-degree member (the target). REQUESTED -&gt; FORWARDED (the note goes to the target) | DECLINED.
 */
public final class Introduction {
    public static final int MAX_NOTE = 500;

    public enum Status { REQUESTED, FORWARDED, DECLINED }

    private UUID id;
    private UUID requester;
    private UUID introducer;
    private UUID target;
    private String note;
    private Status status;

    private Introduction() {
    }

    public static String streamId(UUID id) {
        return "introduction-" + id;
    }

    public static Introduction from(List<TrellisEvent> history) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("an introduction stream starts with IntroductionRequested");
        }
        Introduction i = new Introduction();
        history.forEach(i::apply);
        return i;
    }

    private void apply(TrellisEvent e) {
        if (e instanceof IntroductionRequested r) {
            id = r.introductionId();
            requester = r.requesterId();
            introducer = r.introducerId();
            target = r.targetId();
            note = r.note();
            status = Status.REQUESTED;
        } else if (e instanceof IntroductionForwarded) {
            status = Status.FORWARDED;
        } else if (e instanceof IntroductionDeclined) {
            status = Status.DECLINED;
        }
    }

    /**
     * Who is connected to whom, from the requester's 1st-degree view.
     *
     * @param requesterKnowsIntroducer requester and introducer are 1st-degree connections
     * @param introducerKnowsTarget    introducer and target are 1st-degree connections
     * @param requesterKnowsTarget     requester and target are already connected
     * @param blocked                  one of the three blocked another of them (either way)
     */
    public record Facts(boolean requesterKnowsIntroducer, boolean introducerKnowsTarget, boolean requesterKnowsTarget,
                        boolean blocked) {
        /** No block among the three. */
        public Facts(boolean requesterKnowsIntroducer, boolean introducerKnowsTarget, boolean requesterKnowsTarget) {
            this(requesterKnowsIntroducer, introducerKnowsTarget, requesterKnowsTarget, false);
        }
    }

    /** Rules for asking: three different members, the target 2nd degree through the introducer, a note. */
    public static List<TrellisEvent> request(UUID id, UUID requester, UUID introducer, UUID target, String note,
                                             Facts facts, boolean alreadyRequested, Instant now) {
        if (requester.equals(target) || requester.equals(introducer)) {
            throw DomainException.rule("cannot-introduce-yourself", "the introducer and the target must be other members");
        }
        if (introducer.equals(target)) {
            throw DomainException.rule("introducer-is-target", "you can invite this member directly: you are connected to them");
        }
        String n = note == null ? "" : TextRules.storable("note", note).strip();
        if (n.isEmpty()) {
            throw DomainException.rule("note-required", "say why you would like to be introduced");
        }
        if (n.codePointCount(0, n.length()) > MAX_NOTE) {
            throw DomainException.rule("note-too-long", "the note is at most " + MAX_NOTE + " characters");
        }
        checkGraph(facts);
        if (alreadyRequested) {
            throw DomainException.conflict("introduction-already-requested", "you already asked for an introduction to this member");
        }
        return List.of(new IntroductionRequested(id, requester, introducer, target, n, now));
    }

    /** The introducer forwards the requester's note to the target (while the three are still connected so). */
    public List<TrellisEvent> forward(UUID actor, Facts facts, Instant now) {
        requireIntroducer(actor, "forward");
        requirePending();
        checkGraph(facts);
        return List.of(new IntroductionForwarded(id, requester, introducer, target, note, now));
    }

    /** The introducer declines. */
    public List<TrellisEvent> decline(UUID actor, Instant now) {
        requireIntroducer(actor, "decline");
        requirePending();
        return List.of(new IntroductionDeclined(id, requester, introducer, target, now));
    }

    /**
     * Two members stopped being connected ({@code ConnectionRemoved}) or one blocked the other ({@code MemberBlocked}).
     * If both are among the requester, the introducer and the target, an introduction not yet forwarded or declined
     * can no longer happen: it is closed as {@code IntroductionDeclined} (the event has no reason; the requester is
     * told no more than that it will not happen, never why). A forwarded or declined one stays as it is.
     */
    public List<TrellisEvent> cancelOnGraphChange(UUID a, UUID b, Instant now) {
        if (status != Status.REQUESTED || a.equals(b) || !among(a) || !among(b)) {
            return List.of();
        }
        return List.of(new IntroductionDeclined(id, requester, introducer, target, now));
    }

    /**
     * One of its three members closed their account: an open introduction is closed as declined. Nothing for a
     * forwarded or declined one, nor for a member who is not among the three, so a second closure changes nothing.
     */
    public List<TrellisEvent> closeAccount(UUID closed, Instant now) {
        if (status != Status.REQUESTED || !among(closed)) {
            return List.of();
        }
        return List.of(new IntroductionDeclined(id, requester, introducer, target, now));
    }

    private boolean among(UUID m) {
        return requester.equals(m) || introducer.equals(m) || target.equals(m);
    }

    private static void checkGraph(Facts facts) {
        if (!facts.requesterKnowsIntroducer()) {
            throw DomainException.notPossible(); // not (or no longer) connected, for any cause
        }
        if (!facts.introducerKnowsTarget()) {
            throw DomainException.notPossible(); // the introducer is not (or no longer) connected to the target
        }
        if (facts.requesterKnowsTarget()) {
            throw DomainException.conflict("already-connected", "you are already connected with this member");
        }
        if (facts.blocked()) {
            throw DomainException.notPossible(); // a block among the three, either way
        }
    }

    private void requireIntroducer(UUID actor, String what) {
        if (!introducer.equals(actor)) {
            throw DomainException.forbidden("not-the-introducer", "only the introducer can " + what + " an introduction");
        }
    }

    private void requirePending() {
        if (status != Status.REQUESTED) {
            throw DomainException.conflict("introduction-not-pending", "the introduction was already " + status.name().toLowerCase());
        }
    }

    public UUID requester() {
        return requester;
    }

    public UUID introducer() {
        return introducer;
    }

    public UUID target() {
        return target;
    }

    public Status status() {
        return status;
    }

    /** Who may see it: the requester and the introducer always, the target once forwarded. */
    public boolean visibleTo(UUID member) {
        return requester.equals(member) || introducer.equals(member) || (target.equals(member) && status == Status.FORWARDED);
    }
}
