package dev.trellis.invitation.domain;

import java.time.Instant;

/**
 * What the application knows about the pair and the sender when an invitation is sent (from the read models
 * and the projections of other services' events).
 *
 * @param recipientExists          the recipient is a member
 * @param blockedEitherWay         one of the two blocked the other
 * @param alreadyConnected         they are 1st-degree connections
 * @param openFromSender           the sender already has an open invitation to the recipient
 * @param lastWithdrawnAt          when the sender last withdrew an invitation to the recipient, or null
 * @param declinedAsUnknown        the recipient once answered "I don't know this person" to the sender (a re-invite is
 *                                 then sent already declined, silently)
 * @param senderConnections        the sender's 1st-degree connection count
 * @param recipientConnections     the recipient's 1st-degree connection count
 * @param openSent                 the sender's open sent invitations
 * @param standing                 the sender's weekly quota and use
 */
public record SendFacts(boolean recipientExists, boolean blockedEitherWay, boolean alreadyConnected,
                        boolean openFromSender, Instant lastWithdrawnAt, boolean declinedAsUnknown,
                        long senderConnections, long recipientConnections, long openSent, Standing standing) {

    /** The part of the facts that concerns the pair only. */
    public PairFacts pair() {
        return new PairFacts(blockedEitherWay, alreadyConnected, senderConnections, recipientConnections);
    }
}
