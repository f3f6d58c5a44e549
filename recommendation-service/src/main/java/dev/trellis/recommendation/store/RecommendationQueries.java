package dev.trellis.recommendation.store;

import dev.trellis.platform.store.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** SQL over the read models: recommendations, their versions, endorsements and introductions. */
@ApplicationScoped
public class RecommendationQueries {
    /** A recommendation that still counts: asked for, being written, waiting for a decision, or accepted. */
    public static final String LIVE = "('REQUESTED', 'WRITTEN', 'REVISION_REQUESTED', 'ACCEPTED')";
    private final EntityManager em;

    public RecommendationQueries(EntityManager em) {
        this.em = em;
    }

    /** The live recommendation from {@code author} to {@code recipient}, if any. */
    public RecommendationEntity live(UUID author, UUID recipient) {
        List<RecommendationEntity> l = RecommendationEntity.list("authorId = ?1 and recipientId = ?2 and status in " + LIVE,
                author, recipient);
        return l.isEmpty() ? null : l.get(0);
    }

    /** Open (not rejected, not withdrawn) recommendations between two members, in either direction. */
    @SuppressWarnings("unchecked")
    public List<UUID> openBetween(UUID a, UUID b) {
        return em.createNativeQuery("SELECT recommendation_id FROM recommendation WHERE status IN " + LIVE
                        + " AND ((author_id = ?1 AND recipient_id = ?2) OR (author_id = ?2 AND recipient_id = ?1))")
                .setParameter(1, a).setParameter(2, b).getResultList();
    }

    public void addVersion(UUID id, int version, String relationship, String position, String text, Instant writtenAt) {
        em.createNativeQuery("INSERT INTO recommendation_version (recommendation_id, version, relationship, position, text, written_at) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING")
                .setParameter(1, id).setParameter(2, version).setParameter(3, relationship).setParameter(4, position)
                .setParameter(5, text).setParameter(6, java.sql.Timestamp.from(writtenAt)).executeUpdate();
    }

    public record Version(int version, String relationship, String position, String text, Instant writtenAt) {
    }

    @SuppressWarnings("unchecked")
    public List<Version> versions(UUID id) {
        List<Object[]> rows = em.createNativeQuery("SELECT version, relationship, position, text, written_at FROM recommendation_version "
                + "WHERE recommendation_id = ?1 ORDER BY version").setParameter(1, id).getResultList();
        return rows.stream().map(r -> new Version(((Number) r[0]).intValue(), (String) r[1], (String) r[2], (String) r[3],
                SqlValues.instant(r[4]))).toList();
    }

    /** The relationships of a member's accepted recommendations (shown or hidden). */
    @SuppressWarnings("unchecked")
    public List<String> acceptedRelationships(UUID member) {
        return em.createNativeQuery("SELECT relationship FROM recommendation WHERE recipient_id = ?1 AND status = 'ACCEPTED'")
                .setParameter(1, member).getResultList();
    }

    // ---- endorsements

    /** Live (active or hidden) endorsements between two members, in either direction. */
    @SuppressWarnings("unchecked")
    public List<UUID> endorsementsBetween(UUID a, UUID b) {
        return em.createNativeQuery("SELECT endorsement_id FROM endorsement WHERE status IN ('ACTIVE', 'HIDDEN') "
                        + "AND ((endorser_id = ?1 AND member_id = ?2) OR (endorser_id = ?2 AND member_id = ?1))")
                .setParameter(1, a).setParameter(2, b).getResultList();
    }

    @SuppressWarnings("unchecked")
    public List<UUID> endorsementsOfSkill(UUID member, String skill) {
        return em.createNativeQuery("SELECT endorsement_id FROM endorsement WHERE status IN ('ACTIVE', 'HIDDEN') "
                        + "AND member_id = ?1 AND skill_key = ?2")
                .setParameter(1, member).setParameter(2, EndorsementEntity.key(skill)).getResultList();
    }

    public boolean endorsed(UUID endorser, UUID member, String skill) {
        return !em.createNativeQuery("SELECT 1 FROM endorsement WHERE endorser_id = ?1 AND member_id = ?2 AND skill_key = ?3 "
                        + "AND status IN ('ACTIVE', 'HIDDEN')")
                .setParameter(1, endorser).setParameter(2, member).setParameter(3, EndorsementEntity.key(skill))
                .setMaxResults(1).getResultList().isEmpty();
    }

    /** A listed skill with its visible endorsements and whether the viewer is one of them. */
    public record SkillRow(String skill, long endorsements, boolean endorsedByViewer) {
    }

    /** The skills a member lists, the most endorsed first (hidden and withdrawn endorsements do not count). */
    @SuppressWarnings("unchecked")
    public List<SkillRow> skills(UUID member, UUID viewer, int page, int size) {
        List<Object[]> rows = em.createNativeQuery("SELECT s.skill, count(e.endorsement_id), "
                        + "coalesce(bool_or(e.endorser_id = ?2), false) "
                        + "FROM member_skill s LEFT JOIN endorsement e ON e.member_id = s.member_id AND e.skill_key = s.skill_key "
                        + "AND e.status = 'ACTIVE' WHERE s.member_id = ?1 GROUP BY s.skill, s.skill_key "
                        + "ORDER BY count(e.endorsement_id) DESC, s.skill_key")
                .setParameter(1, member).setParameter(2, viewer).setFirstResult(dev.trellis.platform.api.Paging.firstResult(page, size)).setMaxResults(size).getResultList();
        return rows.stream().map(r -> new SkillRow((String) r[0], ((Number) r[1]).longValue(), (Boolean) r[2])).toList();
    }

    public long skillCount(UUID member) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM member_skill WHERE member_id = ?1")
                .setParameter(1, member).getSingleResult()).longValue();
    }

    /** An endorser as a viewer sees them: whether they are the viewer's own 1st-degree connection. */
    public record EndorserRow(UUID endorsementId, UUID endorserId, boolean viewersConnection, Instant endorsedAt) {
    }

    /** Visible endorsers of one skill: the viewer's connections first, then the newest first. */
    @SuppressWarnings("unchecked")
    public List<EndorserRow> endorsers(UUID member, String skill, UUID viewer, int page, int size) {
        List<Object[]> rows = em.createNativeQuery("SELECT e.endorsement_id, e.endorser_id, (f.other_id IS NOT NULL) AS mine, e.endorsed_at "
                        + "FROM endorsement e LEFT JOIN first_degree f ON f.member_id = ?3 AND f.other_id = e.endorser_id "
                        + "WHERE e.member_id = ?1 AND e.skill_key = ?2 AND e.status = 'ACTIVE' "
                        + "ORDER BY mine DESC, e.endorsed_at DESC, e.endorsement_id")
                .setParameter(1, member).setParameter(2, EndorsementEntity.key(skill)).setParameter(3, viewer)
                .setFirstResult(dev.trellis.platform.api.Paging.firstResult(page, size)).setMaxResults(size).getResultList();
        return rows.stream().map(r -> new EndorserRow((UUID) r[0], (UUID) r[1], (Boolean) r[2], SqlValues.instant(r[3]))).toList();
    }

    public long endorserCount(UUID member, String skill) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM endorsement WHERE member_id = ?1 AND skill_key = ?2 AND status = 'ACTIVE'")
                .setParameter(1, member).setParameter(2, EndorsementEntity.key(skill)).getSingleResult()).longValue();
    }

    // ---- introductions

    public boolean introductionPending(UUID requester, UUID target) {
        return !em.createNativeQuery("SELECT 1 FROM introduction WHERE requester_id = ?1 AND target_id = ?2 AND status = 'REQUESTED'")
                .setParameter(1, requester).setParameter(2, target).setMaxResults(1).getResultList().isEmpty();
    }

    /** Introductions not yet forwarded or declined in which both members take part (as requester, introducer or target). */
    @SuppressWarnings("unchecked")
    public List<UUID> openIntroductionsInvolving(UUID a, UUID b) {
        return em.createNativeQuery("SELECT introduction_id FROM introduction WHERE status = 'REQUESTED' "
                        + "AND ?1 IN (requester_id, introducer_id, target_id) AND ?2 IN (requester_id, introducer_id, target_id)")
                .setParameter(1, a).setParameter(2, b).getResultList();
    }

    /** Open (not rejected, not withdrawn) recommendations by or for {@code member}. */
    @SuppressWarnings("unchecked")
    public List<UUID> openInvolving(UUID member) {
        return em.createNativeQuery("SELECT recommendation_id FROM recommendation WHERE status IN " + LIVE
                        + " AND (author_id = ?1 OR recipient_id = ?1) ORDER BY recommendation_id")
                .setParameter(1, member).getResultList();
    }

    /** Live (active or hidden) endorsements by or of {@code member}. */
    @SuppressWarnings("unchecked")
    public List<UUID> endorsementsInvolving(UUID member) {
        return em.createNativeQuery("SELECT endorsement_id FROM endorsement WHERE status IN ('ACTIVE', 'HIDDEN') "
                        + "AND (endorser_id = ?1 OR member_id = ?1) ORDER BY endorsement_id")
                .setParameter(1, member).getResultList();
    }

    /** Open introductions {@code member} takes part in (as requester, introducer or target). */
    @SuppressWarnings("unchecked")
    public List<UUID> openIntroductionsOf(UUID member) {
        return em.createNativeQuery("SELECT introduction_id FROM introduction WHERE status = 'REQUESTED' "
                        + "AND ?1 IN (requester_id, introducer_id, target_id) ORDER BY introduction_id")
                .setParameter(1, member).getResultList();
    }

    /**
     * {@code member} closed their account (after their recommendations, endorsements and introductions were
     * withdrawn or declined): the texts of every recommendation by or for them (text, position, request and
     * revision messages, every version), the notes of every introduction they took part in, and the skill names of
     * the endorsements of them (their profile's) are erased. The rows stay, with their ids, states and dates.
     */
    public void forgetTexts(UUID member) {
        em.createNativeQuery("""
                WITH r AS (UPDATE recommendation SET text = NULL, position = NULL, request_message = NULL,
                                                     revision_message = NULL
                           WHERE (author_id = ?1 OR recipient_id = ?1)
                             AND (text IS NOT NULL OR position IS NOT NULL OR request_message IS NOT NULL
                                  OR revision_message IS NOT NULL)),
                     v AS (DELETE FROM recommendation_version WHERE recommendation_id IN
                           (SELECT recommendation_id FROM recommendation WHERE author_id = ?1 OR recipient_id = ?1)),
                     i AS (UPDATE introduction SET note = '' WHERE ?1 IN (requester_id, introducer_id, target_id)
                             AND note <> '')
                UPDATE endorsement SET skill = '', skill_key = '' WHERE member_id = ?1 AND skill <> ''""")
                .setParameter(1, member).executeUpdate();
    }
}
