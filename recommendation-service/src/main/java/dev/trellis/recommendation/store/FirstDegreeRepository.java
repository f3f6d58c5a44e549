package dev.trellis.recommendation.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.UUID;

/**
 * Projection of connection events: the 1st-degree pairs and the blocks. {@link #connected} locks the pair's row
 * (FOR SHARE) until the transaction ends, so a command that relies on the connection and the consumer of a
 * ConnectionRemoved that withdraws what was built on it take turns: either the command commits first and the
 * removal withdraws its result, or the removal commits first and the command sees no connection.
 */
@ApplicationScoped
public class FirstDegreeRepository {
    private final EntityManager em;

    public FirstDegreeRepository(EntityManager em) {
        this.em = em;
    }

    public boolean connected(UUID a, UUID b) {
        return !em.createNativeQuery("SELECT 1 FROM first_degree WHERE member_id = ?1 AND other_id = ?2 FOR SHARE")
                .setParameter(1, a).setParameter(2, b).getResultList().isEmpty();
    }

    public void connect(UUID a, UUID b) {
        for (UUID[] d : new UUID[][]{{a, b}, {b, a}}) {
            em.createNativeQuery("INSERT INTO first_degree (member_id, other_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                    .setParameter(1, d[0]).setParameter(2, d[1]).executeUpdate();
        }
    }

    public void disconnect(UUID a, UUID b) {
        em.createNativeQuery("DELETE FROM first_degree WHERE (member_id = ?1 AND other_id = ?2) OR (member_id = ?2 AND other_id = ?1)")
                .setParameter(1, a).setParameter(2, b).executeUpdate();
    }

    public void block(UUID blocker, UUID blocked) {
        em.createNativeQuery("INSERT INTO member_block (blocker_id, blocked_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, blocker).setParameter(2, blocked).executeUpdate();
    }

    public void unblock(UUID blocker, UUID blocked) {
        em.createNativeQuery("DELETE FROM member_block WHERE blocker_id = ?1 AND blocked_id = ?2")
                .setParameter(1, blocker).setParameter(2, blocked).executeUpdate();
    }

    /** Whether one of the two blocked the other. */
    public boolean blockedEitherWay(UUID a, UUID b) {
        return !em.createNativeQuery("SELECT 1 FROM member_block WHERE (blocker_id = ?1 AND blocked_id = ?2) "
                        + "OR (blocker_id = ?2 AND blocked_id = ?1)")
                .setParameter(1, a).setParameter(2, b).setMaxResults(1).getResultList().isEmpty();
    }

    /** {@code member} closed their account: their connections and blocks here go (connection-service also publishes them). */
    public void forget(UUID member) {
        em.createNativeQuery("WITH f AS (DELETE FROM first_degree WHERE member_id = ?1 OR other_id = ?1)"
                        + " DELETE FROM member_block WHERE blocker_id = ?1 OR blocked_id = ?1")
                .setParameter(1, member).executeUpdate();
    }
}
