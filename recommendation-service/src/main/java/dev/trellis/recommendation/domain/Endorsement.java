package dev.trellis.recommendation.domain;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.recommendation.EndorsementHidden;
import dev.trellis.events.recommendation.EndorsementWithdrawn;
import dev.trellis.events.recommendation.SkillEndorsed;
import dev.trellis.platform.domain.DomainException;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A skill endorsement (stream "endorsement-&lt;id&gt;"): ACTIVE -&gt; HIDDEN (by the endorsed member) and
 * ACTIVE | HIDDEN -&gt; WITHDRAWN (by the endorser, when the connection is removed, or when the skill leaves the
 * profile).
 */
public final class Endorsement {
    public static final String CONNECTION_REMOVED = "CONNECTION_REMOVED";
    public static final String ENDORSER = "ENDORSER";
    public static final String SKILL_REMOVED = "SKILL_REMOVED";
    /** The endorser or the endorsed member closed their account. */
    public static final String ACCOUNT_CLOSED = "ACCOUNT_CLOSED";

    public enum Status { ACTIVE, HIDDEN, WITHDRAWN }

    private UUID id;
    private UUID endorser;
    private UUID member;
    private String skill;
    private Status status;

    private Endorsement() {
    }

    public static String streamId(UUID id) {
        return "endorsement-" + id;
    }

    public static Endorsement from(List<TrellisEvent> history) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("an endorsement stream starts with SkillEndorsed");
        }
        Endorsement e = new Endorsement();
        history.forEach(e::apply);
        return e;
    }

    private void apply(TrellisEvent e) {
        if (e instanceof SkillEndorsed s) {
            id = s.endorsementId();
            endorser = s.endorserId();
            member = s.memberId();
            skill = s.skill();
            status = Status.ACTIVE;
        } else if (e instanceof EndorsementHidden) {
            status = Status.HIDDEN;
        } else if (e instanceof EndorsementWithdrawn) {
            status = Status.WITHDRAWN;
        }
    }

    /** What the rules of endorsing need to know. */
    public record Facts(boolean connected, String listedSkill, boolean alreadyEndorsed) {
    }

    /**
     * A 1st-degree connection endorses a skill the member lists on their profile, once per skill.
     *
     * @param facts {@code listedSkill}: the skill as the member lists it (matched ignoring case), or null if not listed
     */
    public static List<TrellisEvent> endorse(UUID id, UUID endorser, UUID member, String skill, Facts facts, Instant now) {
        if (endorser.equals(member)) {
            throw DomainException.rule("cannot-endorse-yourself", "you cannot endorse your own skills");
        }
        if (skill == null || skill.isBlank()) {
            throw DomainException.invalid("skill", "the skill to endorse is required");
        }
        TextRules.storable("skill", skill);
        if (!facts.connected()) {
            throw DomainException.notPossible(); // not (or no longer) connected, for any cause
        }
        if (facts.listedSkill() == null) {
            throw DomainException.rule("skill-not-listed", "this member does not list the skill \"" + skill.strip() + "\" on their profile");
        }
        if (facts.alreadyEndorsed()) {
            throw DomainException.conflict("already-endorsed", "you already endorsed this skill");
        }
        return List.of(new SkillEndorsed(id, endorser, member, facts.listedSkill(), now));
    }

    /** The endorsed member hides it: it no longer counts nor appears to others. */
    public List<TrellisEvent> hide(UUID actor, Instant now) {
        if (!member.equals(actor)) {
            throw DomainException.forbidden("not-the-member", "only the endorsed member can hide an endorsement");
        }
        if (status != Status.ACTIVE) {
            throw DomainException.conflict("endorsement-not-active", "the endorsement is already " + status.name().toLowerCase());
        }
        return List.of(new EndorsementHidden(id, endorser, member, skill, now));
    }

    /** The endorser takes it back. */
    public List<TrellisEvent> withdrawByEndorser(UUID actor, Instant now) {
        if (!endorser.equals(actor)) {
            throw DomainException.forbidden("not-the-endorser", "only the endorser can withdraw an endorsement");
        }
        if (status == Status.WITHDRAWN) {
            throw DomainException.conflict("endorsement-not-active", "the endorsement is already withdrawn");
        }
        return List.of(new EndorsementWithdrawn(id, endorser, member, skill, ENDORSER, now));
    }

    /**
     * Withdrawn because the connection was removed, the skill left the profile or one of the two closed their
     * account; nothing if already withdrawn.
     */
    public List<TrellisEvent> withdraw(String reason, Instant now) {
        if (status == Status.WITHDRAWN) {
            return List.of();
        }
        return List.of(new EndorsementWithdrawn(id, endorser, member, skill, reason, now));
    }

    public UUID endorser() {
        return endorser;
    }

    public UUID member() {
        return member;
    }

    public Status status() {
        return status;
    }
}
