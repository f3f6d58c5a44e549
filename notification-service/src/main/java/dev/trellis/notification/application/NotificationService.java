package dev.trellis.notification.application;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.recommendation.RecommendationWritten;
import dev.trellis.notification.application.PrivateEvents.NotificationsRead;
import dev.trellis.notification.application.PrivateEvents.NotificationsSeen;
import dev.trellis.notification.application.PrivateEvents.PromptDismissed;
import dev.trellis.notification.domain.ActivityRules;
import dev.trellis.notification.domain.Badges;
import dev.trellis.notification.domain.Category;
import dev.trellis.notification.domain.Effect;
import dev.trellis.notification.domain.InvitationState;
import dev.trellis.notification.domain.MessagingPolicy;
import dev.trellis.notification.domain.NotificationKind;
import dev.trellis.notification.domain.NotificationRules;
import dev.trellis.notification.domain.PromptKind;
import dev.trellis.notification.store.InvitationStateEntity;
import dev.trellis.notification.store.MemberEntity;
import dev.trellis.notification.store.NotificationEntity;
import dev.trellis.notification.store.NotificationRows;
import dev.trellis.notification.store.PromptEntity;
import dev.trellis.platform.api.Paging;
import dev.trellis.platform.domain.Clock;
import dev.trellis.platform.domain.DomainException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Applies events to members' notifications and prompts (the rules decide, this stores), and the members' own
 * actions on them: counting and clearing badges, reading, dismissing.
 */
@ApplicationScoped
public class NotificationService {
    private static final List<String> AWAITING_ANSWER =
            NotificationKind.AWAITING_ANSWER.stream().map(Enum::name).toList();

    private final EntityManager em;
    private final Clock clock;
    private final BadgeBroadcaster broadcaster;
    private final Journal journal;
    private final Duration promptLifetime;
    private final BadgeCache cache;
    private final int idsPerEvent;
    private final NotificationRows rows;

    public NotificationService(EntityManager em, Clock clock, BadgeBroadcaster broadcaster, Journal journal,
                               BadgeCache cache, NotificationRows rows,
                               @ConfigProperty(name = "trellis.notification.prompt-lifetime") Duration promptLifetime,
                               @ConfigProperty(name = "trellis.notification.ids-per-event", defaultValue = "500") int idsPerEvent) {
        this.cache = cache;
        this.rows = rows;
        this.idsPerEvent = Math.max(1, idsPerEvent);
        this.em = em;
        this.clock = clock;
        this.broadcaster = broadcaster;
        this.journal = journal;
        this.promptLifetime = promptLifetime;
    }

    // ---- events

    /** An invitation event: updates what is known of the invitation and applies the decided effects. */
    @Transactional
    public void onInvitationEvent(TrellisEvent event) {
        UUID invitationId = NotificationRules.invitationId(event);
        if (invitationId == null) {
            return;
        }
        InvitationStateEntity row = em.find(InvitationStateEntity.class, invitationId, LockModeType.PESSIMISTIC_WRITE);
        InvitationState before = row == null ? null : row.toState();
        NotificationRules.Decision d = NotificationRules.onInvitation(before, event, promptLifetime);
        if (d.state() != null && !d.state().equals(before)
                && !AccountClosure.anyClosed(em, d.state().fromMember(), d.state().toMember())) {
            boolean isNew = row == null;
            if (isNew) {
                row = new InvitationStateEntity();
                row.invitationId = invitationId;
            }
            row.fromMember = d.state().fromMember();
            row.toMember = d.state().toMember();
            row.outcome = d.state().outcome().name();
            row.sentApplied = d.state().sentApplied();
            row.note = d.state().note();
            row.updatedAt = clock.now();
            if (isNew) {
                em.persist(row);
            }
        }
        apply(d.effects());
    }

    /** A recommendation, endorsement, introduction or follow event (see {@link ActivityRules}). */
    @Transactional
    public void onActivity(TrellisEvent event) {
        apply(ActivityRules.on(event, promptLifetime));
    }

    @Transactional
    public void onRecommendation(RecommendationWritten written) {
        onActivity(written);
    }

    /** Applies decided effects in the caller's transaction; the changed badges are pushed after the commit. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<Effect> effects) {
        Set<UUID> changed = new HashSet<>();
        for (Effect e : effects) {
            if (e instanceof Effect.Notify n) {
                if (notify(n)) {
                    changed.add(n.recipient());
                }
            } else if (e instanceof Effect.MarkHandled h) {
                if (rows.markHandled(h.recipient(), AWAITING_ANSWER, h.invitationId()) > 0) {
                    changed.add(h.recipient());
                }
            } else if (e instanceof Effect.Remove r) {
                if (NotificationEntity.delete("recipient = ?1 and kind in ?2 and invitationId = ?3",
                        r.recipient(), AWAITING_ANSWER, r.invitationId()) > 0) {
                    changed.add(r.recipient());
                }
            } else if (e instanceof Effect.RemoveAboutRecommendation r) {
                if (NotificationEntity.delete("recipient = ?1 and kind in ?2 and recommendationId = ?3", r.member(),
                        r.kinds().stream().map(Enum::name).toList(), r.recommendationId()) > 0) {
                    changed.add(r.member());
                }
            } else if (e instanceof Effect.MarkDone d) {
                List<String> kinds = d.kinds().stream().map(Enum::name).toList();
                int n = d.recommendationId() != null
                        ? NotificationEntity.update("seen = true, read = true where recipient = ?1 and kind in ?2 "
                        + "and recommendationId = ?3 and (seen = false or read = false)", d.member(), kinds, d.recommendationId())
                        : NotificationEntity.update("seen = true, read = true where recipient = ?1 and kind in ?2 "
                        + "and introductionId = ?3 and (seen = false or read = false)", d.member(), kinds, d.introductionId());
                if (n > 0) {
                    changed.add(d.member());
                }
            } else if (e instanceof Effect.DropRecommendationPrompts d) {
                PromptEntity.delete("memberId = ?1 and recommendationId = ?2", d.member(), d.recommendationId());
            } else if (e instanceof Effect.OfferPrompt p) {
                offer(p);
            }
        }
        broadcaster.changed(changed);
    }

    /** Stores the notification unless it exists already; true if it is new. */
    private boolean notify(Effect.Notify n) {
        // A member's notifications get their seq and commit one at a time: "seen up to asOf" can then never
        // cover a notification that committed after the member read the badge (lower seq, later commit).
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))").setParameter(1, n.recipient().toString())
                .getSingleResult();
        if (legacyRecommendationNotification(n)) {
            return false;
        }
        return rows.insert(n);
    }

    /**
     * Whether a recommendation notification stored before ids were derived from natural keys (random ids, and the
     * unique index per recommendation dropped since) already says this. Invitation notifications need no such
     * check: {@code notification_one_per_invitation} still makes them one of a kind, and the insert skips them.
     */
    private static boolean legacyRecommendationNotification(Effect.Notify n) {
        return n.key() == null && n.invitationId() == null && n.recommendationId() != null && NotificationEntity.count(
                "recipient = ?1 and kind = ?2 and recommendationId = ?3", n.recipient(), n.kind().name(),
                n.recommendationId()) > 0;
    }

    /** A prompt's id, derived from what it is about (the same after a replay). */
    public static UUID promptId(UUID member, PromptKind kind, UUID invitationId, UUID recommendationId) {
        return UUID.nameUUIDFromBytes((member + "|" + kind + "|" + invitationId + "|" + recommendationId)
                .getBytes(StandardCharsets.UTF_8));
    }

    private void offer(Effect.OfferPrompt p) {
        rows.insertPrompt(promptId(p.member(), p.kind(), p.invitationId(), p.recommendationId()), p.member(),
                p.kind().name(), p.otherMember(), p.invitationId(), p.recommendationId(), p.createdAt(), p.expiresAt());
    }

    // ---- badges

    /** The member's counts (from memory when unchanged since they were last read, see {@link BadgeCache}). */
    public Badges badges(UUID member) {
        return cache.get(member, () -> QuarkusTransaction.joiningExisting().call(() -> readBadges(member)));
    }

    /** The member's counts if they are in memory (no query), else null. */
    public Badges cachedBadges(UUID member) {
        return cache.peek(member);
    }

    /** The member's counts from the database, in the caller's transaction (it sees its own changes). */
    private Badges readBadges(UUID member) {
        List<Object[]> rows = em.createQuery("select n.category, count(n), max(n.seq) from NotificationEntity n "
                        + "where n.recipient = ?1 and n.seen = false group by n.category", Object[].class)
                .setParameter(1, member).getResultList();
        Map<Category, Badges.Tally> tallies = new EnumMap<>(Category.class);
        for (Object[] r : rows) {
            tallies.put(Category.valueOf((String) r[0]), new Badges.Tally(((Number) r[1]).longValue(),
                    ((Number) r[2]).longValue()));
        }
        long unreadConversations = ((Number) em.createNativeQuery(
                "SELECT count(*) FROM conversation_member WHERE member_id = ?1 AND unread > 0")
                .setParameter(1, member).getSingleResult()).longValue();
        return Badges.of(tallies, unreadConversations);
    }

    /**
     * The member saw the {@code category} tab as of {@code asOf} (a seq from {@link #badges}): what they saw stops
     * counting, what arrived since keeps counting. Without {@code asOf}: everything so far.
     */
    @Transactional
    public Badges markSeen(UUID member, Category category, Long asOf) {
        if (asOf != null && asOf < 0) {
            throw DomainException.rule("invalid-as-of", "asOf must be 0 or more");
        }
        List<UUID> ids = asOf == null
                ? em.createQuery("select n.notificationId from NotificationEntity n where n.recipient = ?1 "
                        + "and n.category = ?2 and n.seen = false", UUID.class)
                .setParameter(1, member).setParameter(2, category.name()).getResultList()
                : em.createQuery("select n.notificationId from NotificationEntity n where n.recipient = ?1 "
                        + "and n.category = ?2 and n.seen = false and n.seq <= ?3", UUID.class)
                .setParameter(1, member).setParameter(2, category.name()).setParameter(3, asOf).getResultList();
        java.time.Instant at = clock.now();
        for (List<UUID> chunk : chunks(ids)) {
            NotificationsSeen seen = new NotificationsSeen(member, chunk, at);
            journal.record(seen);
            applySeen(seen);
        }
        return readBadges(member);
    }

    /** Marks the notifications seen (live, and when a replay re-applies the member's action). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applySeen(NotificationsSeen seen) {
        if (!seen.notificationIds().isEmpty() && NotificationEntity.update(
                "seen = true where recipient = ?1 and notificationId in ?2 and seen = false",
                seen.memberId(), seen.notificationIds()) > 0) {
            broadcaster.changed(seen.memberId());
        }
    }

    /** Marks the notifications read and seen (live, and when a replay re-applies the member's action). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyRead(NotificationsRead read) {
        if (!read.notificationIds().isEmpty() && NotificationEntity.update(
                "seen = true, read = true where recipient = ?1 and notificationId in ?2 and (seen = false or read = false)",
                read.memberId(), read.notificationIds()) > 0) {
            broadcaster.changed(read.memberId());
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void applyDismissed(PromptDismissed d) {
        PromptEntity.update("dismissedAt = ?1 where promptId = ?2 and memberId = ?3 and dismissedAt is null",
                d.at(), d.promptId(), d.memberId());
    }

    // ---- notifications

    /** One page of a member's notifications, newest first, with the members they are about. */
    public record Listing(List<NotificationEntity> items, Map<UUID, People.Person> members, long total) {
    }

    @Transactional
    public Listing list(UUID member, int page, int size) {
        var q = NotificationEntity.<NotificationEntity>find("recipient = ?1",
                Sort.descending("createdAt").and("seq", Sort.Direction.Descending), member);
        List<NotificationEntity> items = Paging.range(q, page, size).list();
        List<UUID> about = new ArrayList<>();
        items.forEach(n -> {
            about.add(n.actor);
            about.add(n.subjectMember);
        });
        return new Listing(items, People.as(em, member, about), q.count());
    }

    /** Reads one of the member's notifications (404 for anyone else's). */
    @Transactional
    public Listing read(UUID member, UUID notificationId) {
        NotificationEntity n = NotificationEntity.<NotificationEntity>find("notificationId", notificationId).firstResult();
        if (n == null || !n.recipient.equals(member)) {
            throw DomainException.notFound("notification-not-found", "no notification " + notificationId);
        }
        if (!n.read || !n.seen) {
            NotificationsRead read = new NotificationsRead(member, List.of(notificationId), clock.now());
            journal.record(read);
            applyRead(read);
            em.refresh(n);
        }
        return new Listing(List.of(n), People.as(em, member, java.util.Arrays.asList(n.actor, n.subjectMember)), 1);
    }

    /** Reads (and so sees) all of the member's notifications. */
    @Transactional
    public Badges readAll(UUID member) {
        List<UUID> ids = em.createQuery("select n.notificationId from NotificationEntity n where n.recipient = ?1 "
                + "and (n.read = false or n.seen = false)", UUID.class).setParameter(1, member).getResultList();
        java.time.Instant at = clock.now();
        for (List<UUID> chunk : chunks(ids)) {
            NotificationsRead read = new NotificationsRead(member, chunk, at);
            journal.record(read);
            applyRead(read);
        }
        return readBadges(member);
    }

    /**
     * The ids in journal events of at most {@code trellis.notification.ids-per-event} ids each (in one
     * transaction): "mark all" of a member with many notifications never makes one huge event.
     */
    private List<List<UUID>> chunks(List<UUID> ids) {
        List<List<UUID>> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += idsPerEvent) {
            out.add(List.copyOf(ids.subList(i, Math.min(i + idsPerEvent, ids.size()))));
        }
        return out;
    }

    // ---- prompts

    /** The member's pending prompts (not dismissed, not expired), newest first, with the members they are about. */
    public record Prompts(List<PromptEntity> items, Map<UUID, People.Person> members) {
    }

    @Transactional
    public Prompts prompts(UUID member) {
        List<PromptEntity> items = PromptEntity.list("memberId = ?1 and dismissedAt is null and doneAt is null and expiresAt > ?2",
                Sort.descending("createdAt").and("promptId"), member, clock.now());
        // a prompt about someone no longer (or not yet) a connection, or across a block, is not offered: messaging
        // them (or writing them a recommendation) would be refused, and it must not hint at a removal or block
        Set<UUID> reachable = reachable(member, items.stream().map(p -> p.otherMember).toList());
        items = items.stream().filter(p -> reachable.contains(p.otherMember)).toList();
        return new Prompts(items, People.as(em, member, items.stream().map(p -> p.otherMember).toList()));
    }

    /** Those of {@code others} that {@code member} may message now ({@link MessagingPolicy#maySend}). */
    private Set<UUID> reachable(UUID member, List<UUID> others) {
        Set<UUID> result = new HashSet<>();
        for (UUID other : new HashSet<>(others)) {
            if (MessagingPolicy.maySend(MessagingService.facts(em, member, other))) {
                result.add(other);
            }
        }
        return result;
    }

    /** The prompts to message {@code other} that {@code member} had are done: they sent the message. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void messageSent(UUID member, UUID other, java.time.Instant at) {
        PromptEntity.update("doneAt = ?1 where memberId = ?2 and otherMember = ?3 and kind in ?4 and doneAt is null "
                        + "and dismissedAt is null", at, member, other,
                java.util.Arrays.stream(PromptKind.values()).filter(PromptKind::doneByMessage).map(Enum::name).toList());
    }

    /** One of the member's pending prompts; 404 if it is not theirs, 422 prompt-expired / prompt-closed. */
    @Transactional
    public PromptEntity pendingPrompt(UUID member, UUID promptId) {
        PromptEntity p = PromptEntity.findById(promptId);
        if (p == null || !p.memberId.equals(member)) {
            throw DomainException.notFound("prompt-not-found", "no prompt " + promptId);
        }
        if (p.dismissedAt != null || p.doneAt != null) {
            throw DomainException.rule("prompt-closed", "the prompt was dismissed or done already");
        }
        if (!p.expiresAt.isAfter(clock.now())) {
            throw DomainException.rule("prompt-expired", "the prompt expired at " + p.expiresAt);
        }
        return p;
    }

    @Transactional
    public void dismiss(UUID member, UUID promptId) {
        PromptEntity p = PromptEntity.findById(promptId);
        if (p == null || !p.memberId.equals(member)) {
            throw DomainException.notFound("prompt-not-found", "no prompt " + promptId);
        }
        if (p.dismissedAt == null) {
            PromptDismissed d = new PromptDismissed(member, promptId, clock.now());
            journal.record(d);
            applyDismissed(d);
        }
    }
}
