package dev.trellis.profile.application;

import dev.trellis.platform.domain.Clock;
import dev.trellis.platform.domain.DomainException;
import dev.trellis.profile.domain.CareerLevel;
import dev.trellis.profile.domain.NetworkHealth;
import dev.trellis.profile.store.ProfileEntity;
import dev.trellis.profile.store.ProfileQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.UUID;

/** Gathers the facts of a member's network (local projections of connection and invitation events) and assesses them. */
@ApplicationScoped
public class NetworkHealthService {
    private final ProfileQueries queries;
    private final Clock clock;

    public NetworkHealthService(ProfileQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @Transactional
    public NetworkHealth.Report assess(UUID member) {
        ProfileEntity p = ProfileEntity.findById(member);
        if (p == null) {
            throw DomainException.notFound("member-not-found", "no member " + member);
        }
        long[] stats = queries.invitationStats(member, clock.now().minus(NetworkHealth.SETTLED_AFTER));
        return NetworkHealth.assess(new NetworkHealth.Facts(
                p.careerLevel == null ? null : CareerLevel.valueOf(p.careerLevel),
                (int) queries.connectionCount(member), (int) stats[0], (int) stats[1], (int) stats[2], (int) stats[3],
                !p.education().isEmpty(), !p.positions().isEmpty(),
                (int) queries.classmates(member), (int) queries.colleagues(member),
                (int) queries.largestCompanyShare(member), (int) queries.groupCount(member)));
    }
}
