package dev.trellis.recommendation.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Projection of profile events: members' names and the skills they list. */
@ApplicationScoped
public class MemberDirectory {
    private final EntityManager em;

    public MemberDirectory(EntityManager em) {
        this.em = em;
    }

    /** A member's public name; null fields if the profile was never seen. */
    public record Name(UUID memberId, String firstName, String lastName, String headline) {
        public String fullName() {
            return firstName == null ? null : (firstName + " " + lastName).strip();
        }
    }

    public void upsert(UUID id, String first, String last, String headline) {
        em.createNativeQuery("INSERT INTO member_profile (member_id, first_name, last_name, headline) VALUES (?1, ?2, ?3, ?4) "
                        + "ON CONFLICT (member_id) DO UPDATE SET first_name = EXCLUDED.first_name, "
                        + "last_name = EXCLUDED.last_name, headline = EXCLUDED.headline")
                .setParameter(1, id).setParameter(2, first == null ? "" : first).setParameter(3, last == null ? "" : last)
                .setParameter(4, headline).executeUpdate();
    }

    public Name name(UUID id) {
        return names(List.of(id)).get(id);
    }

    /** Names of the given members (a member without a known profile gets null names). */
    @SuppressWarnings("unchecked")
    public Map<UUID, Name> names(Collection<UUID> ids) {
        Map<UUID, Name> out = new HashMap<>();
        for (UUID id : ids) {
            out.put(id, new Name(id, null, null, null));
        }
        if (ids.isEmpty()) {
            return out;
        }
        List<Object[]> rows = em.createNativeQuery("SELECT member_id, first_name, last_name, headline FROM member_profile "
                        + "WHERE member_id IN (?1)")
                .setParameter(1, List.copyOf(ids)).getResultList();
        for (Object[] r : rows) {
            out.put((UUID) r[0], new Name((UUID) r[0], (String) r[1], (String) r[2], (String) r[3]));
        }
        return out;
    }

    public void addSkill(UUID member, String skill) {
        if (skill == null || skill.isBlank()) {
            return;
        }
        em.createNativeQuery("INSERT INTO member_skill (member_id, skill_key, skill) VALUES (?1, ?2, ?3) "
                        + "ON CONFLICT (member_id, skill_key) DO UPDATE SET skill = EXCLUDED.skill")
                .setParameter(1, member).setParameter(2, EndorsementEntity.key(skill)).setParameter(3, skill.strip())
                .executeUpdate();
    }

    public void removeSkill(UUID member, String skill) {
        em.createNativeQuery("DELETE FROM member_skill WHERE member_id = ?1 AND skill_key = ?2")
                .setParameter(1, member).setParameter(2, EndorsementEntity.key(skill)).executeUpdate();
    }

    /**
     * The skill as the member lists it (matched ignoring case), or null. The row stays locked (FOR SHARE) until the
     * transaction ends, so an endorsement and the SkillRemoved that withdraws the skill's endorsements take turns.
     */
    public String listedSkill(UUID member, String skill) {
        if (skill == null || skill.isBlank()) {
            return null;
        }
        List<?> rows = em.createNativeQuery("SELECT skill FROM member_skill WHERE member_id = ?1 AND skill_key = ?2 FOR SHARE")
                .setParameter(1, member).setParameter(2, EndorsementEntity.key(skill)).getResultList();
        return rows.isEmpty() ? null : (String) rows.get(0);
    }

    /** Serialises decisions about one pair (or any key) until the transaction ends. */
    public void lock(String key) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))").setParameter(1, key).getSingleResult();
    }
}
