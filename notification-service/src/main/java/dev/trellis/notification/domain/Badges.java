package dev.trellis.notification.domain;

import java.util.Map;

/**
 * The counts on a member's tabs: unseen notifications per category and the conversations with unread messages. {@code asOf} is
 * the highest {@code seq} among the counted notifications (0 if none): "seen as of" it marks exactly what was
 * shown, while anything that arrives in between keeps counting.
 */
public record Badges(long myNetwork, long messages, long notifications, long asOf) {

    /** The unseen notifications of one category: how many, and the highest seq among them. */
    public record Tally(long unseen, long maxSeq) {
    }

    public static Badges of(Map<Category, Tally> unseen) {
        return of(unseen, 0);
    }

    /** {@code unreadConversations}: the member's conversations with at least one unread message. */
    public static Badges of(Map<Category, Tally> unseen, long unreadConversations) {
        Tally none = new Tally(0, 0);
        Tally network = unseen.getOrDefault(Category.MY_NETWORK, none);
        Tally notifications = unseen.getOrDefault(Category.NOTIFICATIONS, none);
        return new Badges(network.unseen(), unreadConversations, notifications.unseen(),
                Math.max(network.maxSeq(), notifications.maxSeq()));
    }
}
