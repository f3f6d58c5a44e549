package dev.trellis.notification.application;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.notification.MessageSent;
import dev.trellis.notification.application.PrivateEvents.FollowUpSettled;
import dev.trellis.notification.application.PrivateEvents.NotificationsRead;
import dev.trellis.notification.application.PrivateEvents.NotificationsSeen;
import dev.trellis.notification.application.PrivateEvents.PromptDismissed;
import dev.trellis.notification.application.PrivateEvents.ReminderSent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;

/**
 * Rebuilding the projections from scratch: {@link #truncate()} empties them (and forgets which events the
 * consumers applied), then the topics are consumed again from the beginning (a new consumer group, or the
 * records handed to the projections), then {@link #replayJournal()} re-applies this service's own inputs in the
 * order they were recorded: members' seen / read / dismiss actions, the sweep's reminders and the messages
 * sent. Messages, conversations and unread counts are this service's own data and are kept.
 */
@ApplicationScoped
public class Rebuild {
    private final EntityManager em;
    private final Journal journal;
    private final NotificationService notifications;
    private final MessagingService messaging;
    private final ReminderSweeper reminders;
    private final BadgeBroadcaster broadcaster;

    public Rebuild(EntityManager em, Journal journal, NotificationService notifications, MessagingService messaging,
                   ReminderSweeper reminders, BadgeBroadcaster broadcaster) {
        this.broadcaster = broadcaster;
        this.em = em;
        this.journal = journal;
        this.notifications = notifications;
        this.messaging = messaging;
        this.reminders = reminders;
    }

    @Transactional
    public void truncate() {
        em.createNativeQuery("TRUNCATE notification, prompt, invitation_state, member, connection, block, nurture_mark, closed_member "
                + "RESTART IDENTITY").executeUpdate();
        em.createNativeQuery("DELETE FROM processed_event WHERE consumer LIKE 'notification-%'").executeUpdate();
        broadcaster.changedAll();
    }

    /** Re-applies the journal; returns how many entries it applied. */
    public int replayJournal() {
        long after = 0;
        int applied = 0;
        while (true) {
            List<Journal.Entry> batch = journal.read(after, 500);
            if (batch.isEmpty()) {
                return applied;
            }
            for (Journal.Entry e : batch) {
                QuarkusTransaction.requiringNew().run(() -> apply(e.event()));
                after = e.position();
                applied++;
            }
        }
    }

    private void apply(TrellisEvent e) {
        if (e instanceof NotificationsSeen s) {
            notifications.applySeen(s);
        } else if (e instanceof NotificationsRead r) {
            notifications.applyRead(r);
        } else if (e instanceof PromptDismissed d) {
            notifications.applyDismissed(d);
        } else if (e instanceof ReminderSent r) {
            reminders.applyReminder(r);
        } else if (e instanceof FollowUpSettled s) {
            reminders.applySettled(s);
        } else if (e instanceof MessageSent m) {
            messaging.applyMessageSent(m);
        }
    }
}
