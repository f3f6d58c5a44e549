package dev.trellis.recommendation.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.UUID;

/** Projection of connection events: the 1st-degree pairs. */
@ApplicationScoped
public class FirstDegreeRepository {
    private final EntityManager em;

    public FirstDegreeRepository(EntityManager em) {
        this.em = em;
    }

    public boolean connected(UUID a, UUID b) {
        return !em.createNativeQuery("SELECT 1 FROM first_degree WHERE member_id = ?1 AND other_id = ?2")
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
}
