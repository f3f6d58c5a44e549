package dev.trellis.invitation.domain;

/** Where an invitation stands. The sender sees IGNORED and DECLINED_AS_UNKNOWN as PENDING: they are never told. */
public enum InvitationStatus {
    PENDING, ACCEPTED, IGNORED, DECLINED_AS_UNKNOWN, WITHDRAWN, EXPIRED;

    /** Open: still counts as a pending invitation for its sender (and blocks a duplicate). */
    public boolean openForSender() {
        return this == PENDING || this == IGNORED || this == DECLINED_AS_UNKNOWN;
    }

    /** The status as {@code sender}-side or recipient-side eyes see it. */
    public InvitationStatus seenBySender() {
        return openForSender() ? PENDING : this;
    }
}
