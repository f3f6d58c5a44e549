package dev.trellis.notification.domain;

import java.util.List;

/** What happened, and which badge it counts in. */
public enum NotificationKind {
    /** Someone invited the recipient to connect (the actor is the sender). */
    INVITATION_RECEIVED(Category.MY_NETWORK),
    /** The recipient's invitation was accepted (the actor is the accepter). */
    INVITATION_ACCEPTED(Category.MY_NETWORK),
    /** An invitation to the recipient is still waiting for their answer (the actor is the sender). */
    INVITATION_REMINDER(Category.MY_NETWORK),
    /** A connection asked the recipient to write them a recommendation (the actor is the requester). */
    RECOMMENDATION_REQUESTED(Category.MY_NETWORK),
    /** Someone wrote the recipient a recommendation (the actor is the author). */
    RECOMMENDATION_RECEIVED(Category.NOTIFICATIONS),
    /** The author wrote a new version after a revision request (the actor is the author; detail: the version). */
    RECOMMENDATION_REVISED(Category.NOTIFICATIONS),
    /** The recipient of the member's recommendation accepted it (the actor is the recipient). */
    RECOMMENDATION_ACCEPTED(Category.NOTIFICATIONS),
    /** The recipient of the member's recommendation asks for a revision (the actor; note: their message). */
    RECOMMENDATION_REVISION_REQUESTED(Category.NOTIFICATIONS),
    /** A connection endorsed one of the member's skills (the actor; detail: the skill). */
    SKILL_ENDORSED(Category.NOTIFICATIONS),
    /** A connection asks the member to introduce them (the actor) to another connection (the subject). */
    INTRODUCTION_REQUESTED(Category.NOTIFICATIONS),
    /** The introducer (the actor) introduced the member to the requester (the subject), with their note. */
    INTRODUCED_TO_YOU(Category.NOTIFICATIONS),
    /** The introducer (the actor) forwarded the member's introduction request to the target (the subject). */
    INTRODUCTION_FORWARDED(Category.NOTIFICATIONS),
    /** The introducer (the actor) declined to introduce the member to the target (the subject). */
    INTRODUCTION_DECLINED(Category.NOTIFICATIONS),
    /** Someone (the actor) follows the member. */
    NEW_FOLLOWER(Category.NOTIFICATIONS),
    /** Connected days ago and no message yet either way: follow up with the actor. */
    FOLLOW_UP_REMINDER(Category.NOTIFICATIONS),
    /** A connection (the actor) has been quiet for months: check in. */
    CHECK_IN_SUGGESTION(Category.NOTIFICATIONS);

    /**
     * The recipient's notifications that ask for an answer to an invitation: handled once it is answered, removed
     * once it is withdrawn or expired.
     */
    public static final List<NotificationKind> AWAITING_ANSWER = List.of(INVITATION_RECEIVED, INVITATION_REMINDER);

    private final Category category;

    NotificationKind(Category category) {
        this.category = category;
    }

    public Category category() {
        return category;
    }
}
