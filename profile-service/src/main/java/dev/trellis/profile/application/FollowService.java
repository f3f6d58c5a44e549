package dev.trellis.profile.application;

import dev.trellis.events.TrellisEvent;
import dev.trellis.platform.domain.Clock;
import dev.trellis.platform.eventstore.ConflictRetry;
import dev.trellis.platform.eventstore.EventStore;
import dev.trellis.platform.eventstore.EventStream;
import dev.trellis.profile.domain.Follow;
import dev.trellis.profile.store.ProfileEntity;
import dev.trellis.profile.store.ProfileQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Follow and unfollow (one stream per follower -> followee), and the default follows of a new connection. */
@ApplicationScoped
public class FollowService {
    private final EventStore store;
    private final Clock clock;
    private final ProfileQueries queries;

    public FollowService(EventStore store, Clock clock, ProfileQueries queries) {
        this.store = store;
        this.clock = clock;
        this.queries = queries;
    }

    /** Follows, unless a block stands between the two (403). */
    public void follow(UUID follower, UUID followee) {
        ConflictRetry.inNewTransaction(() -> {
            queries.lockPair(follower, followee);
            return decide(follower, followee, f -> f.follow(ProfileEntity.findById(followee) != null,
                    block(follower, followee), clock.now()));
        });
    }

    private Follow.Block block(UUID follower, UUID followee) {
        if (queries.blocks(followee, follower)) {
            return Follow.Block.BY_FOLLOWEE;
        }
        return queries.blocks(follower, followee) ? Follow.Block.BY_FOLLOWER : Follow.Block.NONE;
    }

    public void unfollow(UUID follower, UUID followee) {
        ConflictRetry.inNewTransaction(() -> decide(follower, followee, f -> f.unfollow(clock.now())));
    }

    /**
     * Connecting makes both follow each other, unless one already follows the other; runs in the consumer's
     * transaction (a redelivered ConnectionMade is dropped by the inbox, and a repeat would change nothing).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void followEachOther(UUID a, UUID b, Instant at) {
        if (a.equals(b)) {
            return;
        }
        queries.lockPair(a, b);
        if (queries.blocks(a, b) || queries.blocks(b, a)) {
            return;   // connection-service never connects a blocked pair; this only guards against a reordering
        }
        decide(a, b, f -> f.follow(true, at));
        decide(b, a, f -> f.follow(true, at));
    }

    /**
     * A block (MemberBlocked): each stops following the other (MemberUnfollowed for each follow that exists), and
     * neither may follow the other until the block is lifted. In the consumer's transaction; a repeat changes
     * nothing (the block is recorded once, and an unfollow of a member not followed is no event).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void blocked(UUID blocker, UUID blocked, Instant at) {
        queries.lockPair(blocker, blocked);
        queries.block(blocker, blocked, at);
        if (blocker.equals(blocked)) {
            return;
        }
        decide(blocker, blocked, f -> f.unfollow(at));
        decide(blocked, blocker, f -> f.unfollow(at));
    }

    /** The block is lifted (MemberUnblocked): following is possible again; no follow comes back by itself. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void unblocked(UUID blocker, UUID blocked) {
        queries.lockPair(blocker, blocked);
        queries.unblock(blocker, blocked);
    }

    private List<TrellisEvent> decide(UUID follower, UUID followee,
                                      java.util.function.Function<Follow, List<TrellisEvent>> decision) {
        EventStream stream = store.load(Follow.streamId(follower, followee));
        Follow f = Follow.from(follower, followee, stream.events());
        List<TrellisEvent> events = decision.apply(f);
        if (!events.isEmpty()) {
            store.append(stream.streamId(), stream.version(), events);
            if (f.following()) {
                queries.follow(follower, followee, clock.now());
            } else {
                queries.unfollow(follower, followee);
            }
        }
        return events;
    }
}
