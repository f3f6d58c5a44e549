package dev.trellis.notification.domain;

/** Where an invitation stands, as far as this service has heard. */
public enum InvitationOutcome {
    /** Waiting for the recipient's answer (or nothing but its InvitationSent or a reminder heard yet). */
    PENDING,
    ACCEPTED,
    /** Ignored by the recipient: the sender is never told and still thinks it pending. */
    IGNORED,
    /** "I don't know this person": the sender is never told and still thinks it pending. */
    DECLINED_AS_UNKNOWN,
    WITHDRAWN,
    /** Nobody answered in time. */
    EXPIRED;

    /**
     * The transitions of the invitation aggregate. A pending invitation is answered, withdrawn or expires once;
     * an ignored one may still be accepted (the recipient changed their mind), declined as unknown, withdrawn or
     * expire (its sender thinks it pending); one declined as unknown may still be withdrawn or expire. Accepted,
     * withdrawn and expired are final. Anything else is a duplicate or stale event.
     */
    public boolean canBecome(InvitationOutcome next) {
        return switch (this) {
            case PENDING -> next != PENDING;
            case IGNORED -> next == ACCEPTED || next == DECLINED_AS_UNKNOWN || next == WITHDRAWN || next == EXPIRED;
            case DECLINED_AS_UNKNOWN -> next == WITHDRAWN || next == EXPIRED;
            case ACCEPTED, WITHDRAWN, EXPIRED -> false;
        };
    }

    /** Gone for the recipient too: their notifications about it are removed, a late InvitationSent brings none. */
    public boolean gone() {
        return this == WITHDRAWN || this == EXPIRED;
    }
}
