package dev.trellis.invitation.domain;

/**
 * What stands between two members, whoever asks: the rules that hold for a new invitation, a mutual
 * acceptance and an accept alike.
 *
 * @param blockedEitherWay     one of the two blocked the other
 * @param alreadyConnected     they are 1st-degree connections
 * @param senderConnections    the inviting member's 1st-degree connection count
 * @param recipientConnections the invited member's 1st-degree connection count
 */
public record PairFacts(boolean blockedEitherWay, boolean alreadyConnected, long senderConnections,
                        long recipientConnections) {
}
