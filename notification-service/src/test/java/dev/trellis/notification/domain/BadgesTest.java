package dev.trellis.notification.domain;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.invitation.InvitationDeclinedAsUnknown;
import dev.trellis.events.invitation.InvitationExpired;
import dev.trellis.events.invitation.InvitationIgnored;
import dev.trellis.events.invitation.InvitationReminderDue;
import dev.trellis.events.invitation.InvitationSent;
import dev.trellis.events.invitation.InvitationWithdrawn;
import dev.trellis.events.recommendation.RecommendationWritten;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Given events (in any order) / then badges: the rules played against a tiny in-memory store that applies
 * effects the way the service's store does (one notification per kind and invitation, seq in arrival order).
 */
class BadgesTest {
    static final UUID INV = UUID.randomUUID();
    static final UUID ALICE = UUID.randomUUID();
    static final UUID BOB = UUID.randomUUID();
    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    /** The in-memory stand-in for the notification table. */
    static final class Feed {
        record Row(long seq, UUID recipient, NotificationKind kind, UUID invitationId, UUID recommendationId,
                   Integer reminder, boolean seen, boolean read) {
        }

        final Map<UUID, InvitationState> invitations = new HashMap<>();
        final List<Row> rows = new ArrayList<>();
        final List<Effect.OfferPrompt> prompts = new ArrayList<>();
        long seq;

        Feed given(TrellisEvent... events) {
            for (TrellisEvent e : events) {
                List<Effect> effects;
                if (e instanceof RecommendationWritten w) {
                    effects = NotificationRules.onRecommendation(w);
                } else {
                    UUID id = NotificationRules.invitationId(e);
                    NotificationRules.Decision d = NotificationRules.onInvitation(invitations.get(id), e);
                    if (d.state() != null) {
                        invitations.put(id, d.state());
                    }
                    effects = d.effects();
                }
                effects.forEach(this::apply);
            }
            return this;
        }

        void apply(Effect e) {
            if (e instanceof Effect.Notify n) {
                boolean exists = rows.stream().anyMatch(r -> r.recipient().equals(n.recipient()) && r.kind() == n.kind()
                        && Objects.equals(r.invitationId(), n.invitationId())
                        && Objects.equals(r.recommendationId(), n.recommendationId())
                        && Objects.equals(r.reminder(), n.reminder()));
                if (!exists) {
                    rows.add(new Row(++seq, n.recipient(), n.kind(), n.invitationId(), n.recommendationId(), n.reminder(),
                            n.handled(), n.handled()));
                }
            } else if (e instanceof Effect.MarkHandled h) {
                rows.replaceAll(r -> r.recipient().equals(h.recipient()) && NotificationKind.AWAITING_ANSWER.contains(r.kind())
                        && h.invitationId().equals(r.invitationId())
                        ? new Row(r.seq(), r.recipient(), r.kind(), r.invitationId(), r.recommendationId(), r.reminder(),
                        true, true) : r);
            } else if (e instanceof Effect.Remove x) {
                rows.removeIf(r -> r.recipient().equals(x.recipient()) && NotificationKind.AWAITING_ANSWER.contains(r.kind())
                        && x.invitationId().equals(r.invitationId()));
            } else if (e instanceof Effect.OfferPrompt p) {
                if (prompts.stream().noneMatch(q -> q.member().equals(p.member()) && q.kind() == p.kind())) {
                    prompts.add(p);
                }
            }
        }

        Badges badges(UUID member) {
            Map<Category, Badges.Tally> t = new EnumMap<>(Category.class);
            for (Row r : rows) {
                if (r.recipient().equals(member) && !r.seen()) {
                    t.merge(r.kind().category(), new Badges.Tally(1, r.seq()),
                            (a, b) -> new Badges.Tally(a.unseen() + b.unseen(), Math.max(a.maxSeq(), b.maxSeq())));
                }
            }
            return Badges.of(t);
        }

        void seen(UUID member, Category c, long asOf) {
            rows.replaceAll(r -> r.recipient().equals(member) && r.kind().category() == c && r.seq() <= asOf
                    ? new Row(r.seq(), r.recipient(), r.kind(), r.invitationId(), r.recommendationId(), r.reminder(),
                    true, r.read()) : r);
        }
    }

    static InvitationSent sent() {
        return new InvitationSent(INV, ALICE, BOB, "Hi", null, null, null, T0, null);
    }

    static InvitationAccepted accepted() {
        return new InvitationAccepted(INV, ALICE, BOB, T0.plusSeconds(60), false);
    }

    static InvitationIgnored ignored() {
        return new InvitationIgnored(INV, ALICE, BOB, T0.plusSeconds(60));
    }

    static InvitationWithdrawn withdrawn() {
        return new InvitationWithdrawn(INV, ALICE, BOB, T0.plusSeconds(120));
    }

    static InvitationAccepted acceptedMutually() {
        return new InvitationAccepted(INV, ALICE, BOB, T0.plusSeconds(90), true);
    }

    static InvitationDeclinedAsUnknown declined() {
        return new InvitationDeclinedAsUnknown(INV, ALICE, BOB, T0.plusSeconds(60));
    }

    static InvitationExpired expired() {
        return new InvitationExpired(INV, ALICE, BOB, T0.plusSeconds(180));
    }

    static InvitationReminderDue reminder(int n) {
        return new InvitationReminderDue(INV, ALICE, BOB, n, T0.plusSeconds(30L * n));
    }

    @Test
    void no_notifications_no_badges() {
        assertEquals(new Badges(0, 0, 0, 0), Badges.of(Map.of()));
    }

    @Test
    void an_invitation_counts_once_in_the_recipients_my_network_badge() {
        Feed f = new Feed().given(sent());
        assertEquals(new Badges(1, 0, 0, 1), f.badges(BOB));
        assertEquals(new Badges(0, 0, 0, 0), f.badges(ALICE));
    }

    @Test
    void seen_as_of_keeps_counting_what_arrived_in_between() {
        Feed f = new Feed().given(sent());
        long asOf = f.badges(BOB).asOf();
        UUID other = UUID.randomUUID();
        f.given(new InvitationSent(other, UUID.randomUUID(), BOB, null, null, null, null, T0.plusSeconds(5), null));
        f.seen(BOB, Category.MY_NETWORK, asOf);
        assertEquals(1, f.badges(BOB).myNetwork());
    }

    @Test
    void acceptance_counts_for_the_sender_and_clears_the_recipient() {
        Feed f = new Feed().given(sent(), accepted());
        assertEquals(1, f.badges(ALICE).myNetwork());
        assertEquals(0, f.badges(BOB).myNetwork());
        assertEquals(2, f.prompts.size());
    }

    @Test
    void ignoring_clears_the_recipient_and_never_reaches_the_sender() {
        Feed f = new Feed().given(sent(), ignored());
        assertEquals(new Badges(0, 0, 0, 0), f.badges(ALICE));
        assertEquals(0, f.badges(BOB).myNetwork());
    }

    @Test
    void withdrawal_takes_the_invitation_back_out_of_the_badge() {
        Feed f = new Feed().given(sent(), withdrawn());
        assertEquals(0, f.badges(BOB).myNetwork());
        assertEquals(List.of(), f.rows);
    }

    @Test
    void a_recommendation_counts_in_the_notifications_badge() {
        Feed f = new Feed().given(new RecommendationWritten(UUID.randomUUID(), ALICE, BOB, "colleague", null, "Great", 1, T0));
        assertEquals(new Badges(0, 0, 1, 1), f.badges(BOB));
    }

    @Test
    void every_arrival_order_ends_in_the_same_badges() {
        List<List<TrellisEvent>> histories = List.of(
                List.of(sent(), accepted()), List.of(sent(), ignored()), List.of(sent(), withdrawn()),
                List.of(sent(), ignored(), withdrawn()), List.of(sent(), acceptedMutually()),
                List.of(sent(), ignored(), accepted()), List.of(sent(), declined()), List.of(sent(), expired()),
                List.of(sent(), ignored(), declined()), List.of(sent(), declined(), withdrawn()),
                List.of(sent(), declined(), expired()), List.of(sent(), ignored(), declined(), expired()));
        for (List<TrellisEvent> history : histories) {
            Feed inOrder = new Feed().given(history.toArray(TrellisEvent[]::new));
            for (List<TrellisEvent> order : permutations(history)) {
                Feed f = new Feed().given(order.toArray(TrellisEvent[]::new));
                String label = order.stream().map(e -> e.getClass().getSimpleName()).toList().toString();
                assertEquals(inOrder.badges(ALICE).myNetwork(), f.badges(ALICE).myNetwork(), label);
                assertEquals(inOrder.badges(BOB).myNetwork(), f.badges(BOB).myNetwork(), label);
                assertEquals(inOrder.rows.size(), f.rows.size(), label);
                assertEquals(inOrder.prompts.size(), f.prompts.size(), label);
            }
        }
    }

    @Test
    void declining_as_unknown_clears_the_recipient_and_never_reaches_the_sender() {
        Feed f = new Feed().given(sent(), declined());
        assertEquals(new Badges(0, 0, 0, 0), f.badges(ALICE));
        assertEquals(0, f.badges(BOB).myNetwork());
        assertEquals(1, f.rows.size()); // still in Bob's list, handled
        assertEquals(List.of(), f.prompts);
    }

    @Test
    void expiry_takes_the_invitation_back_out_of_the_badge_and_never_reaches_the_sender() {
        Feed f = new Feed().given(sent(), reminder(1), expired());
        assertEquals(0, f.badges(BOB).myNetwork());
        assertEquals(new Badges(0, 0, 0, 0), f.badges(ALICE));
        assertEquals(List.of(), f.rows);
    }

    @Test
    void a_mutual_acceptance_counts_once_for_each_and_no_stale_invitation_for_the_recipient() {
        Feed f = new Feed().given(sent(), acceptedMutually());
        assertEquals(1, f.badges(ALICE).myNetwork());
        assertEquals(1, f.badges(BOB).myNetwork());
        assertEquals(List.of(NotificationKind.INVITATION_ACCEPTED), f.rows.stream()
                .filter(r -> r.recipient().equals(BOB) && !r.seen()).map(Feed.Row::kind).toList());
        assertEquals(2, f.prompts.size());
    }

    @Test
    void each_reminder_counts_once_while_pending_and_stops_counting_once_answered() {
        Feed f = new Feed().given(sent(), reminder(1), reminder(1), reminder(2), reminder(2));
        assertEquals(3, f.badges(BOB).myNetwork());
        assertEquals(0, f.badges(ALICE).myNetwork());
        f.given(ignored());
        assertEquals(0, f.badges(BOB).myNetwork());
        assertEquals(new Badges(0, 0, 0, 0), new Feed().given(sent(), accepted(), reminder(1)).badges(BOB));
    }

    @Test
    void reminders_end_in_the_same_badges_whatever_the_arrival_order() {
        List<List<TrellisEvent>> histories = List.of(
                List.of(sent(), reminder(1), accepted()), List.of(sent(), reminder(1), reminder(2), declined()),
                List.of(sent(), reminder(1), reminder(2), expired()), List.of(sent(), reminder(1), withdrawn()),
                List.of(sent(), reminder(1), ignored(), accepted()));
        for (List<TrellisEvent> history : histories) {
            Feed inOrder = new Feed().given(history.toArray(TrellisEvent[]::new));
            for (List<TrellisEvent> order : permutations(history)) {
                Feed f = new Feed().given(order.toArray(TrellisEvent[]::new));
                String label = order.stream().map(e -> e.getClass().getSimpleName()).toList().toString();
                assertEquals(inOrder.badges(ALICE).myNetwork(), f.badges(ALICE).myNetwork(), label);
                assertEquals(inOrder.badges(BOB).myNetwork(), f.badges(BOB).myNetwork(), label);
            }
        }
    }

    static List<List<TrellisEvent>> permutations(List<TrellisEvent> events) {
        if (events.size() <= 1) {
            return List.of(events);
        }
        List<List<TrellisEvent>> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            List<TrellisEvent> rest = new ArrayList<>(events);
            TrellisEvent head = rest.remove(i);
            for (List<TrellisEvent> p : permutations(rest)) {
                List<TrellisEvent> l = new ArrayList<>();
                l.add(head);
                l.addAll(p);
                out.add(l);
            }
        }
        return out;
    }
}
