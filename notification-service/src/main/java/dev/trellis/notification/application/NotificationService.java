package dev.trellis.notification.application;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.recommendation.RecommendationWritten;
import dev.trellis.notification.domain.Badges;
import dev.trellis.notification.domain.Category;
import dev.trellis.notification.domain.Effect;
import dev.trellis.notification.domain.InvitationState;
import dev.trellis.notification.domain.NotificationKind;
import dev.trellis.notification.domain.NotificationRules;
import dev.trellis.notification.store.InvitationStateEntity;
import dev.trellis.notification.store.MemberEntity;
import dev.trellis.notification.store.NotificationEntity;
import dev.trellis.notification.store.PromptEntity;
import dev.trellis.platform.domain.Clock;
import dev.trellis.platform.domain.DomainException;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.util.Collection;
import java.util.Collections;
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

    public NotificationService(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
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
        NotificationRules.Decision d = NotificationRules.onInvitation(before, event);
        if (d.state() != null && !d.state().equals(before)) {
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

    @Transactional
    public void onRecommendation(RecommendationWritten written) {
        apply(NotificationRules.onRecommendation(written));
    }

    private void apply(List<Effect> effects) {
        for (Effect e : effects) {
            if (e instanceof Effect.Notify n) {
                notify(n);
            } else if (e instanceof Effect.MarkHandled h) {
                NotificationEntity.update("seen = true, read = true where recipient = ?1 and kind in ?2 and invitationId = ?3",
                        h.recipient(), AWAITING_ANSWER, h.invitationId());
            } else if (e instanceof Effect.Remove r) {
                NotificationEntity.delete("recipient = ?1 and kind in ?2 and invitationId = ?3",
                        r.recipient(), AWAITING_ANSWER, r.invitationId());
            } else if (e instanceof Effect.OfferPrompt p) {
                offer(p);
            }
        }
    }

    private void notify(Effect.Notify n) {
        if (exists(n)) {
            return;
        }
        // A member's notifications get their seq and commit one at a time: "seen up to asOf" can then never
        // cover a notification that committed after the member read the badge (lower seq, later commit).
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))").setParameter(1, n.recipient().toString())
                .getSingleResult();
        NotificationEntity x = new NotificationEntity();
        x.notificationId = UUID.randomUUID();
        x.recipient = n.recipient();
        x.kind = n.kind().name();
        x.category = n.kind().category().name();
        x.actor = n.actor();
        x.note = n.note();
        x.relationship = n.relationship();
        x.context = n.context();
        x.reminder = n.reminder();
        x.invitationId = n.invitationId();
        x.recommendationId = n.recommendationId();
        x.seen = n.handled();
        x.read = n.handled();
        x.createdAt = n.at();
        x.persist();
    }

    /** One notification per recipient, kind, invitation or recommendation, and reminder number. */
    private static boolean exists(Effect.Notify n) {
        if (n.invitationId() != null && n.reminder() != null) {
            return NotificationEntity.count("recipient = ?1 and kind = ?2 and invitationId = ?3 and reminder = ?4",
                    n.recipient(), n.kind().name(), n.invitationId(), n.reminder()) > 0;
        }
        if (n.invitationId() != null) {
            return NotificationEntity.count("recipient = ?1 and kind = ?2 and invitationId = ?3 and reminder is null",
                    n.recipient(), n.kind().name(), n.invitationId()) > 0;
        }
        return n.recommendationId() != null && NotificationEntity.count(
                "recipient = ?1 and kind = ?2 and recommendationId = ?3", n.recipient(), n.kind().name(),
                n.recommendationId()) > 0;
    }

    private void offer(Effect.OfferPrompt p) {
        if (PromptEntity.count("memberId = ?1 and kind = ?2 and invitationId = ?3",
                p.member(), p.kind().name(), p.invitationId()) > 0) {
            return;
        }
        PromptEntity x = new PromptEntity();
        x.promptId = UUID.randomUUID();
        x.memberId = p.member();
        x.kind = p.kind().name();
        x.otherMember = p.otherMember();
        x.invitationId = p.invitationId();
        x.createdAt = p.createdAt();
        x.expiresAt = p.expiresAt();
        x.persist();
    }

    // ---- badges

    @Transactional
    public Badges badges(UUID member) {
        List<Object[]> rows = em.createQuery("select n.category, count(n), max(n.seq) from NotificationEntity n "
                        + "where n.recipient = ?1 and n.seen = false group by n.category", Object[].class)
                .setParameter(1, member).getResultList();
        Map<Category, Badges.Tally> tallies = new EnumMap<>(Category.class);
        for (Object[] r : rows) {
            tallies.put(Category.valueOf((String) r[0]), new Badges.Tally(((Number) r[1]).longValue(),
                    ((Number) r[2]).longValue()));
        }
        return Badges.of(tallies);
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
        if (asOf == null) {
            NotificationEntity.update("seen = true where recipient = ?1 and category = ?2 and seen = false",
                    member, category.name());
        } else {
            NotificationEntity.update("seen = true where recipient = ?1 and category = ?2 and seen = false and seq <= ?3",
                    member, category.name(), asOf);
        }
        return badges(member);
    }

    // ---- notifications

    /** One page of a member's notifications, newest first, with the members they are about. */
    public record Listing(List<NotificationEntity> items, Map<UUID, MemberEntity> members, long total) {
    }

    @Transactional
    public Listing list(UUID member, int page, int size) {
        var q = NotificationEntity.<NotificationEntity>find("recipient = ?1",
                Sort.descending("createdAt").and("seq", Sort.Direction.Descending), member);
        List<NotificationEntity> items = q.page(page, size).list();
        return new Listing(items, members(items.stream().map(n -> n.actor).toList()), q.count());
    }

    /** Reads one of the member's notifications (404 for anyone else's). */
    @Transactional
    public Listing read(UUID member, UUID notificationId) {
        NotificationEntity n = NotificationEntity.<NotificationEntity>find("notificationId", notificationId).firstResult();
        if (n == null || !n.recipient.equals(member)) {
            throw DomainException.notFound("notification-not-found", "no notification " + notificationId);
        }
        n.read = true;
        n.seen = true;
        return new Listing(List.of(n), members(Collections.singletonList(n.actor)), 1);
    }

    /** Reads (and so sees) all of the member's notifications. */
    @Transactional
    public Badges readAll(UUID member) {
        NotificationEntity.update("read = true, seen = true where recipient = ?1 and (read = false or seen = false)", member);
        return badges(member);
    }

    // ---- prompts

    /** The member's pending prompts (not dismissed, not expired), newest first, with the members they are about. */
    public record Prompts(List<PromptEntity> items, Map<UUID, MemberEntity> members) {
    }

    @Transactional
    public Prompts prompts(UUID member) {
        List<PromptEntity> items = PromptEntity.list("memberId = ?1 and dismissedAt is null and expiresAt > ?2",
                Sort.descending("createdAt").and("promptId"), member, clock.now());
        return new Prompts(items, members(items.stream().map(p -> p.otherMember).toList()));
    }

    @Transactional
    public void dismiss(UUID member, UUID promptId) {
        PromptEntity p = PromptEntity.findById(promptId);
        if (p == null || !p.memberId.equals(member)) {
            throw DomainException.notFound("prompt-not-found", "no prompt " + promptId);
        }
        if (p.dismissedAt == null) {
            p.dismissedAt = clock.now();
        }
    }

    private static Map<UUID, MemberEntity> members(Collection<UUID> ids) {
        List<UUID> known = ids.stream().filter(Objects::nonNull).distinct().toList();
        if (known.isEmpty()) {
            return Map.of();
        }
        return MemberEntity.<MemberEntity>list("memberId in ?1", known).stream()
                .collect(Collectors.toMap(m -> m.memberId, Function.identity()));
    }
}
