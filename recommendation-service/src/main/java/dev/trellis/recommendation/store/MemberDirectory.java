package dev.trellis.recommendation.store;

import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.domain.NameVisibility;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Projection of profile events: members' names, how they may be shown (profileVisibility) and the skills they list. */
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

    /** The member's name as {@code viewer} may see it (see {@link #namesFor}). */
    public Name nameFor(UUID viewer, UUID id) {
        return namesFor(viewer, List.of(id)).get(id);
    }

    /** ProfileUpdated: the new name and headline of a member known here (an update never makes a member known). */
    public void update(UUID id, String first, String last, String headline) {
        em.createNativeQuery("UPDATE member_profile SET first_name = ?2, last_name = ?3, headline = ?4 WHERE member_id = ?1")
                .setParameter(1, id).setParameter(2, first == null ? "" : first).setParameter(3, last == null ? "" : last)
                .setParameter(4, headline).executeUpdate();
    }

    /** PrivacySettingsChanged: how the member's name shows to members who are not their connections. */
    public void profileVisibility(UUID id, String profileVisibility) {
        em.createNativeQuery("UPDATE member_profile SET profile_visibility = ?2 WHERE member_id = ?1")
                .setParameter(1, id).setParameter(2, profileVisibility == null ? NameVisibility.FULL : profileVisibility)
                .executeUpdate();
    }

    /** Whether the member is known here (ProfileCreated). */
    public boolean exists(UUID id) {
        return !em.createNativeQuery("SELECT 1 FROM member_profile WHERE member_id = ?1").setParameter(1, id)
                .getResultList().isEmpty();
    }

    /** 404 member-not-found unless the member is known here. */
    public void requireMember(UUID id) {
        if (id == null || !exists(id)) {
            throw DomainException.notFound("member-not-found", "no member " + id);
        }
    }

    /**
     * The names of the given members as {@code viewer} may see them (NameVisibility): a member whose profileVisibility
     * is NAME_INITIAL shows to a viewer who is not their 1st-degree connection (this service does not know 2nd degree:
     * degree 3) as first name and last initial, without headline. The viewer themself (degree 0) and their
     * connections (degree 1) see the full name.
     */
    @SuppressWarnings("unchecked")
    public Map<UUID, Name> namesFor(UUID viewer, Collection<UUID> ids) {
        Map<UUID, Name> out = new HashMap<>();
        for (UUID id : ids) {
            out.put(id, new Name(id, null, null, null));
        }
        if (ids.isEmpty()) {
            return out;
        }
        List<UUID> list = List.copyOf(new java.util.HashSet<>(ids));
        List<Object[]> rows = em.createNativeQuery("SELECT p.member_id, p.first_name, p.last_name, p.headline, p.profile_visibility, "
                        + "EXISTS (SELECT 1 FROM first_degree f WHERE f.member_id = ?2 AND f.other_id = p.member_id) "
                        + "FROM member_profile p WHERE p.member_id IN (?1)")
                .setParameter(1, list).setParameter(2, viewer).getResultList();
        for (Object[] r : rows) {
            UUID id = (UUID) r[0];
            int degree = NameVisibility.firstDegreeOnly(id.equals(viewer), Boolean.TRUE.equals(r[5]));
            NameVisibility.Shown shown = NameVisibility.show((String) r[1], (String) r[2], (String) r[4], degree);
            out.put(id, new Name(id, shown.firstName(), shown.lastName(), shown.restricted() ? null : (String) r[3]));
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

    /** {@code member} closed their account: their name, headline, visibility and skills go. */
    public void forget(UUID member) {
        em.createNativeQuery("WITH p AS (DELETE FROM member_profile WHERE member_id = ?1)"
                        + " DELETE FROM member_skill WHERE member_id = ?1")
                .setParameter(1, member).executeUpdate();
    }
}
