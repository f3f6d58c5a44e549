package dev.trellis.recommendation.domain;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.recommendation.RecommendationAccepted;
import dev.trellis.events.recommendation.RecommendationHidden;
import dev.trellis.events.recommendation.RecommendationRejected;
import dev.trellis.events.recommendation.RecommendationRequested;
import dev.trellis.events.recommendation.RecommendationRevisionRequested;
import dev.trellis.events.recommendation.RecommendationShown;
import dev.trellis.events.recommendation.RecommendationWithdrawn;
import dev.trellis.events.recommendation.RecommendationWritten;
import dev.trellis.platform.domain.DomainException;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The recommendation aggregate (stream "recommendation-&lt;id&gt;"): REQUESTED -&gt; WRITTEN(v1) -&gt; ACCEPTED (shown or
 * hidden) | REJECTED | REVISION_REQUESTED -&gt; WRITTEN(v2) ...; WITHDRAWN from any open state. Only the author
 * writes, only the recipient decides, and nothing is public before the recipient accepts.
 */
public final class Recommendation {
    public static final int MIN_TEXT = 50;
    public static final int MAX_TEXT = 3000;
    public static final int MAX_MESSAGE = 1000;
    public static final int MAX_POSITION = 200;
    public static final String CONNECTION_REMOVED = "CONNECTION_REMOVED";
    public static final String AUTHOR = "AUTHOR";
    public static final String ACCOUNT_CLOSED = "ACCOUNT_CLOSED";

    private UUID id;
    private UUID author;
    private UUID recipient;
    private RecommendationStatus status;
    private boolean hidden;
    private int version;
    private String relationship;
    private String position;

    private Recommendation() {
    }

    public static String streamId(UUID id) {
        return "recommendation-" + id;
    }

    /** Rebuilds the recommendation from its history. */
    public static Recommendation from(List<TrellisEvent> history) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("a recommendation stream starts with RecommendationRequested or RecommendationWritten");
        }
        Recommendation r = new Recommendation();
        history.forEach(r::apply);
        return r;
    }

    private void apply(TrellisEvent e) {
        if (e instanceof RecommendationRequested q) {
            id = q.recommendationId();
            author = q.authorId();
            recipient = q.requesterId();
            relationship = q.relationship();
            position = q.position();
            status = RecommendationStatus.REQUESTED;
        } else if (e instanceof RecommendationWritten w) {
            id = w.recommendationId();
            author = w.authorId();
            recipient = w.recipientId();
            relationship = w.relationship();
            position = w.position();
            version = Math.max(w.version(), version + 1);
            status = RecommendationStatus.WRITTEN;
        } else if (e instanceof RecommendationAccepted) {
            status = RecommendationStatus.ACCEPTED;
            hidden = false;
        } else if (e instanceof RecommendationRejected) {
            status = RecommendationStatus.REJECTED;
        } else if (e instanceof RecommendationRevisionRequested) {
            status = RecommendationStatus.REVISION_REQUESTED;
        } else if (e instanceof RecommendationHidden) {
            hidden = true;
        } else if (e instanceof RecommendationShown) {
            hidden = false;
        } else if (e instanceof RecommendationWithdrawn) {
            status = RecommendationStatus.WITHDRAWN;
        }
    }

    /** What the author writes: how they know the recipient, the position it refers to, the text. */
    public record Draft(String relationship, String position, String text) {
    }

    /**
     * A member asks a 1st-degree connection ({@code author}) for a recommendation, with a personal message and,
     * optionally, the relationship and position they would like it to cover.
     *
     * @param open whether a live recommendation (requested, written, in revision or accepted) from this author to
     *             the requester already exists
     */
    public static List<TrellisEvent> request(UUID id, UUID requester, UUID author, String relationship, String position,
                                             String message, boolean connected, boolean open, Instant now) {
        if (requester.equals(author)) {
            throw DomainException.rule("cannot-ask-yourself", "you cannot ask yourself for a recommendation");
        }
        if (!connected) {
            throw DomainException.notPossible(); // not (or no longer) connected, for any cause
        }
        String msg = trimToNull(TextRules.storable("message", message));
        if (msg == null) {
            throw DomainException.rule("message-required", "a request needs a personal message");
        }
        if (length(msg) > MAX_MESSAGE) {
            throw DomainException.rule("message-too-long", "the message is at most " + MAX_MESSAGE + " characters");
        }
        Relationship rel = Relationship.parseOptional(relationship);
        String pos = position(position);
        if (open) {
            throw DomainException.conflict("recommendation-already-open",
                    "this member already has a recommendation for you requested, in progress or accepted");
        }
        return List.of(new RecommendationRequested(id, requester, author, rel == null ? null : rel.name(), pos, msg, now));
    }

    /**
     * A 1st-degree connection writes a recommendation nobody asked for (version 1).
     *
     * @param open whether a live recommendation from this author to this recipient already exists
     */
    public static List<TrellisEvent> write(UUID id, UUID author, UUID recipient, Draft draft, boolean connected,
                                           boolean open, Instant now) {
        if (author.equals(recipient)) {
            throw DomainException.rule("cannot-recommend-yourself", "you cannot recommend yourself");
        }
        if (!connected) {
            throw DomainException.notPossible(); // not (or no longer) connected, for any cause
        }
        Draft d = check(draft, null, null);
        if (open) {
            throw DomainException.conflict("recommendation-already-open",
                    "you already have a recommendation for this member in progress or accepted");
        }
        return List.of(new RecommendationWritten(id, author, recipient, d.relationship(), d.position(), d.text(), 1, now));
    }

    /**
     * The author writes the requested recommendation, or a new version after a revision request (the relationship
     * and position default to the earlier ones).
     */
    public List<TrellisEvent> write(UUID actor, Draft draft, boolean connected, Instant now) {
        if (!author.equals(actor)) {
            throw DomainException.forbidden("not-the-author", "only the member asked can write this recommendation");
        }
        if (status != RecommendationStatus.REQUESTED && status != RecommendationStatus.REVISION_REQUESTED) {
            throw DomainException.conflict("recommendation-not-writable", "the recommendation is " + statusName()
                    + "; it can be written when requested or when a revision was asked for");
        }
        if (!connected) {
            throw DomainException.notPossible(); // not (or no longer) connected, for any cause
        }
        Draft d = check(draft, relationship, position);
        return List.of(new RecommendationWritten(id, author, recipient, d.relationship(), d.position(), d.text(),
                version + 1, now));
    }

    /** The recipient accepts the written version: it goes on the public profile (and they are offered to write one back). */
    public List<TrellisEvent> accept(UUID actor, Instant now) {
        requireRecipient(actor, "accept");
        requireWritten();
        return List.of(new RecommendationAccepted(id, author, recipient, version, now));
    }

    /** The recipient rejects the written version: it is never shown. */
    public List<TrellisEvent> reject(UUID actor, Instant now) {
        requireRecipient(actor, "reject");
        requireWritten();
        return List.of(new RecommendationRejected(id, author, recipient, now));
    }

    /** The recipient asks the author for a new version of the written one (with an optional message). */
    public List<TrellisEvent> requestRevision(UUID actor, String message, Instant now) {
        requireRecipient(actor, "ask for a revision of");
        requireWritten();
        String msg = trimToNull(TextRules.storable("message", message));
        if (msg != null && length(msg) > MAX_MESSAGE) {
            throw DomainException.rule("message-too-long", "the message is at most " + MAX_MESSAGE + " characters");
        }
        return List.of(new RecommendationRevisionRequested(id, author, recipient, msg, now));
    }

    /** The recipient hides an accepted recommendation from the public profile. */
    public List<TrellisEvent> hide(UUID actor, Instant now) {
        requireRecipient(actor, "hide");
        requireAccepted();
        if (hidden) {
            throw DomainException.conflict("already-hidden", "the recommendation is already hidden");
        }
        return List.of(new RecommendationHidden(id, author, recipient, now));
    }

    /** The recipient shows a hidden recommendation again. */
    public List<TrellisEvent> show(UUID actor, Instant now) {
        requireRecipient(actor, "show");
        requireAccepted();
        if (!hidden) {
            throw DomainException.conflict("already-shown", "the recommendation is already shown");
        }
        return List.of(new RecommendationShown(id, author, recipient, now));
    }

    /** The author withdraws it (in any open state: this is also how a request is declined). */
    public List<TrellisEvent> withdrawByAuthor(UUID actor, Instant now) {
        if (!author.equals(actor)) {
            throw DomainException.forbidden("not-the-author", "only the author can withdraw a recommendation");
        }
        if (status.terminal()) {
            throw DomainException.conflict("recommendation-closed", "the recommendation is already " + statusName());
        }
        return List.of(new RecommendationWithdrawn(id, author, recipient, AUTHOR, now));
    }

    /** The two members are no longer connected: an open recommendation is withdrawn; a closed one stays as it is. */
    public List<TrellisEvent> withdrawOnConnectionRemoved(Instant now) {
        return withdrawBecause(CONNECTION_REMOVED, now);
    }

    /**
     * Its author or its recipient closed their account: an open (or accepted) recommendation is withdrawn; a
     * rejected or withdrawn one stays as it is, so a second closure changes nothing.
     */
    public List<TrellisEvent> withdrawOnAccountClosed(Instant now) {
        return withdrawBecause(ACCOUNT_CLOSED, now);
    }

    private List<TrellisEvent> withdrawBecause(String reason, Instant now) {
        if (status.terminal()) {
            return List.of();
        }
        return List.of(new RecommendationWithdrawn(id, author, recipient, reason, now));
    }

    private static Draft check(Draft draft, String defaultRelationship, String defaultPosition) {
        String rel = draft.relationship() == null || draft.relationship().isBlank() ? defaultRelationship : draft.relationship();
        if (rel == null) {
            throw DomainException.rule("relationship-required", "say how you know this member, e.g. WORKED_WITH");
        }
        Relationship relationship = Relationship.parse(rel);
        String pos = draft.position() == null || draft.position().isBlank() ? defaultPosition : position(draft.position());
        String text = trimToNull(TextRules.storable("text", draft.text()));
        if (text == null) {
            throw DomainException.rule("text-required", "a recommendation needs some text");
        }
        int n = length(text);
        if (n < MIN_TEXT) {
            throw DomainException.rule("text-too-short", "a recommendation is at least " + MIN_TEXT + " characters (it has " + n + ")");
        }
        if (n > MAX_TEXT) {
            throw DomainException.rule("text-too-long", "a recommendation is at most " + MAX_TEXT + " characters (it has " + n + ")");
        }
        return new Draft(relationship.name(), pos, text);
    }

    private static String position(String position) {
        String pos = trimToNull(TextRules.storable("position", position));
        if (pos != null && length(pos) > MAX_POSITION) {
            throw DomainException.rule("position-too-long", "the position is at most " + MAX_POSITION + " characters");
        }
        return pos;
    }

    private void requireRecipient(UUID actor, String what) {
        if (!recipient.equals(actor)) {
            throw DomainException.forbidden("not-the-recipient", "only the recommended member can " + what + " a recommendation");
        }
    }

    private void requireWritten() {
        if (status != RecommendationStatus.WRITTEN) {
            throw DomainException.conflict("recommendation-not-pending", "the recommendation is " + statusName()
                    + "; only a written one waiting for your decision can be accepted, rejected or sent back");
        }
    }

    private void requireAccepted() {
        if (status != RecommendationStatus.ACCEPTED) {
            throw DomainException.conflict("recommendation-not-accepted", "only an accepted recommendation can be hidden or shown; it is " + statusName());
        }
    }

    private String statusName() {
        return status.name().toLowerCase().replace('_', ' ');
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    private static String trimToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    public UUID id() {
        return id;
    }

    public UUID author() {
        return author;
    }

    public UUID recipient() {
        return recipient;
    }

    public RecommendationStatus status() {
        return status;
    }

    public boolean hidden() {
        return hidden;
    }

    public int version() {
        return version;
    }

    /** Whether {@code member} is the author or the recipient. */
    public boolean involves(UUID member) {
        return author.equals(member) || recipient.equals(member);
    }
}
