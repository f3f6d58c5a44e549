package dev.trellis.notification.application;

import dev.trellis.notification.domain.Texts;
import dev.trellis.notification.store.MemberEntity;
import dev.trellis.platform.domain.NameVisibility;
import jakarta.persistence.EntityManager;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Members as one viewer may see them ({@link NameVisibility}): the viewer themself is degree 0, a current
 * 1st-degree connection (this service's projection of ConnectionMade / ConnectionRemoved) degree 1, everybody
 * else degree 3. A NAME_INITIAL member is shown to a degree-3 viewer as "Olivia T." with no headline or company.
 */
public final class People {

    /**
     * A member as the viewer sees them. {@code name}: the display name ("A member" when not known here);
     * {@code lastName} is the initial ("T.") when restricted; {@code firstName}, {@code lastName}, {@code headline}
     * and {@code company} may be null. {@code deleted}: the member closed their account ("Deleted member").
     */
    public record Person(UUID memberId, String firstName, String lastName, String name, String headline,
                         String company, boolean known, boolean deleted) {
        public static Person unknown(UUID memberId) {
            return new Person(memberId, null, null, Texts.UNKNOWN_MEMBER, null, null, false, false);
        }

        public static Person deleted(UUID memberId) {
            return new Person(memberId, null, null, Texts.DELETED_MEMBER, null, null, false, true);
        }
    }

    /** The members {@code ids} as {@code viewer} sees them (an unknown id maps to {@link Person#unknown}). */
    public static Map<UUID, Person> as(EntityManager em, UUID viewer, Collection<UUID> ids) {
        List<UUID> wanted = ids.stream().filter(Objects::nonNull).distinct().toList();
        if (wanted.isEmpty()) {
            return Map.of();
        }
        List<MemberEntity> rows = em.createQuery("select m from MemberEntity m where m.memberId in ?1", MemberEntity.class)
                .setParameter(1, wanted).getResultList();
        Set<UUID> connected = connections(em, viewer, rows.stream()
                .filter(m -> NameVisibility.NAME_INITIAL.equals(m.profileVisibility)).map(m -> m.memberId).toList());
        Map<UUID, Person> out = new HashMap<>();
        wanted.forEach(id -> out.put(id, Person.unknown(id)));
        if (rows.size() < wanted.size()) {
            AccountClosure.closedAmong(em, wanted).forEach(id -> out.put(id, Person.deleted(id)));
        }
        for (MemberEntity m : rows) {
            int degree = NameVisibility.firstDegreeOnly(m.memberId.equals(viewer), connected.contains(m.memberId));
            out.put(m.memberId, show(m, degree));
        }
        return out;
    }

    public static Person as(EntityManager em, UUID viewer, UUID id) {
        return as(em, viewer, List.of(id)).getOrDefault(id, Person.unknown(id));
    }

    /** The member shown to a viewer at {@code degree}. */
    public static Person show(MemberEntity m, int degree) {
        NameVisibility.Shown shown = NameVisibility.show(m.firstName, m.lastName, m.profileVisibility, degree);
        String first = shown.firstName().isBlank() ? null : shown.firstName().strip();
        String last = shown.lastName().isBlank() ? null : shown.lastName().strip();
        return new Person(m.memberId, first, last, Texts.displayName(shown.firstName(), shown.lastName()),
                shown.restricted() ? null : m.headline, shown.restricted() ? null : m.company, true, false);
    }

    /** Those of {@code others} who are a current connection of {@code viewer}. */
    @SuppressWarnings("unchecked")
    private static Set<UUID> connections(EntityManager em, UUID viewer, List<UUID> others) {
        if (others.isEmpty()) {
            return Set.of();
        }
        List<Object> rows = em.createNativeQuery("SELECT CASE WHEN member_a = ?1 THEN member_b ELSE member_a END FROM connection "
                        + "WHERE removed_at IS NULL AND ((member_a = ?1 AND member_b IN (?2)) OR (member_b = ?1 AND member_a IN (?2)))")
                .setParameter(1, viewer).setParameter(2, others).getResultList();
        Set<UUID> out = new HashSet<>();
        rows.forEach(r -> out.add((UUID) r));
        return out;
    }

    private People() {
    }
}
