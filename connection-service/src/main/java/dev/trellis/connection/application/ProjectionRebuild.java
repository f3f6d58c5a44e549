package dev.trellis.connection.application;

import dev.trellis.connection.projection.GraphProjection;
import dev.trellis.connection.store.GraphIndexStore;
import dev.trellis.connection.store.GraphRepository;
import dev.trellis.events.Topics;
import dev.trellis.events.TrellisEvent;
import dev.trellis.events.connection.ConnectionMade;
import dev.trellis.events.connection.ConnectionRemoved;
import dev.trellis.events.connection.MemberBlocked;
import dev.trellis.events.connection.MemberUnblocked;
import dev.trellis.platform.replay.TopicReplay;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.store.LongSessions;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Rebuilds the projection from the Kafka topics, from the beginning, into fresh tables (schema {@code replay})
 * and compares them with the live tables and the live index; on request, puts the rebuilt rows in place of the
 * live ones and rebuilds the index from them (this replica's at once, every other replica's when its
 * {@link dev.trellis.connection.store.GraphIndexTail} sees the raised table generation).
 *
 * <p>Rebuilt from events: members and their profile facts (profile topic), invitations (invitation topic),
 * connections and blocks (connection topic: what this service published). Not rebuilt: tags, VIP pins and
 * suggestion dismissals, which are members' own settings stored nowhere else (a rebuilt connection list keeps
 * them).
 *
 * <p>Consistency: the topics are read once while the service keeps running; then the live tables are locked
 * against writers (readers go on), the outbox is allowed to drain so every committed event is on its topic, the
 * topics are read again up to their new end, and only then are the two sides compared (and swapped). So the
 * comparison is exact even under traffic; writers wait for the short final step.
 */
@ApplicationScoped
public class ProjectionRebuild {
    private static final Logger LOG = Logger.getLogger(ProjectionRebuild.class);
    static final List<String> REBUILT = List.of("member", "member_org", "member_group", "group_info",
            "invitation_pair", "connection", "member_block", "closed_member");
    /** Tables the replayed writes touch as a side effect (a removal deletes its tags and pin); never swapped. */
    static final List<String> SCRATCH = List.of("connection_tag", "vip_pin");
    static final List<String> TOPICS = List.of(Topics.PROFILE, Topics.INVITATION, Topics.CONNECTION);
    private static final String SCHEMA = "replay";

    private final EntityManager em;
    private final TopicReplay topics;
    private final GraphProjection projection;
    private final GraphRepository graph;
    private final GraphIndexStore index;
    private final LongSessions sessions;

    public ProjectionRebuild(EntityManager em, TopicReplay topics, GraphProjection projection, GraphRepository graph,
                             GraphIndexStore index, LongSessions sessions) {
        this.sessions = sessions;
        this.em = em;
        this.topics = topics;
        this.projection = projection;
        this.graph = graph;
        this.index = index;
    }

    public record TableReport(String table, long liveRows, long rebuiltRows, boolean equal, List<String> onlyLive,
                              List<String> onlyRebuilt) {
    }

    public record Report(long records, long skipped, List<TableReport> tables, long indexConnections,
                         long rebuiltConnections, boolean indexEqual, boolean equal, boolean swapped,
                         long millis) {
        Report took(long millis) {
            return new Report(records, skipped, tables, indexConnections, rebuiltConnections, indexEqual, equal,
                    swapped, millis);
        }
    }

    /** The name of the lock that lets one rebuild run at a time across all replicas (they share the schema). */
    static final String LOCK = "connection-projection-rebuild";

    /**
     * @param swap put the rebuilt rows in place of the live ones (and rebuild the index from them)
     * @throws DomainException 409 rebuild-running while another rebuild runs, on this replica or another one
     */
    public Report rebuild(boolean swap) {
        return sessions.exclusively(LOCK, () -> rebuildAlone(swap)).orElseThrow(() -> new DomainException(
                DomainException.Kind.CONFLICT, "rebuild-running",
                "A projection rebuild is already running (on this replica or another one); try again when it has ended."));
    }

    private Report rebuildAlone(boolean swap) {
        long started = System.currentTimeMillis();
        QuarkusTransaction.requiringNew().run(this::createSchema);
        try (TopicReplay.Cursor cursor = topics.open(TOPICS)) {
            cursor.catchUp(batch -> QuarkusTransaction.requiringNew().run(() -> applyInReplay(batch)));
            Report report = QuarkusTransaction.requiringNew().timeout(600).call(() -> {
                sql("LOCK TABLE " + String.join(", ", REBUILT) + " IN EXCLUSIVE MODE");
                awaitOutboxDrained();
                cursor.catchUp(this::applyInReplay);
                List<TableReport> tables = REBUILT.stream().map(this::compare).toList();
                long[] idx = compareIndex();
                boolean indexEqual = idx[0] == idx[1] && idx[2] == idx[1];
                boolean equal = indexEqual && tables.stream().allMatch(TableReport::equal);
                if (swap) {
                    for (String t : REBUILT) {
                        sql("DELETE FROM public." + t);
                        sql("INSERT INTO public." + t + " SELECT * FROM " + SCHEMA + "." + t);
                    }
                    // the other replicas' graph index tails see this and rebuild from the swapped tables
                    sql("UPDATE public.graph_index_generation SET generation = generation + 1");
                }
                return new Report(cursor.records(), cursor.skipped(), tables, idx[0], idx[1], indexEqual, equal, swap,
                        0);
            });
            if (swap) {
                index.rebuild();
            }
            report = report.took(System.currentTimeMillis() - started);
            LOG.infof("projection rebuilt from %d records (%d skipped) in %d ms: %s%s", report.records(),
                    report.skipped(), report.millis(), report.equal() ? "equal to the live state" : "DIFFERENT from the live state",
                    swap ? "; swapped in" : "");
            return report;
        } finally {
            QuarkusTransaction.requiringNew().run(() -> sql("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE"));
        }
    }

    private void createSchema() {
        sql("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        sql("CREATE SCHEMA " + SCHEMA);
        for (String t : concat(REBUILT, SCRATCH)) {
            sql("CREATE TABLE " + SCHEMA + "." + t + " (LIKE public." + t + " INCLUDING ALL)");
        }
    }

    private void applyInReplay(List<TopicReplay.Replayed> batch) {
        String path = (String) em.createNativeQuery("SELECT current_setting('search_path')").getSingleResult();
        sql("SET LOCAL search_path TO " + SCHEMA);
        try {
            for (TopicReplay.Replayed r : batch) {
                apply(r.event());
            }
        } finally {
            em.createNativeQuery("SELECT set_config('search_path', ?1, true)").setParameter(1, path).getSingleResult();
        }
    }

    /** The effect of one event on the tables, as the live service has it. */
    private void apply(TrellisEvent event) {
        if (event instanceof ConnectionMade made) {
            graph.connect(made.memberA(), made.memberB(), made.connectedAt(), made.invitationId());
        } else if (event instanceof ConnectionRemoved removed) {
            graph.disconnect(removed.memberA(), removed.memberB());
        } else if (event instanceof MemberBlocked blocked) {
            graph.block(blocked.blockerId(), blocked.blockedId(), blocked.blockedAt());
        } else if (event instanceof MemberUnblocked unblocked) {
            graph.unblock(unblocked.blockerId(), unblocked.blockedId());
        } else {
            projection.applyProfile(event);
            projection.applyInvitation(event);
        }
    }

    /** Every event this service committed is on its topic (the relay publishes on its own connection). */
    private void awaitOutboxDrained() {
        long deadline = System.currentTimeMillis() + 30_000;
        while (((Number) em.createNativeQuery(
                "SELECT count(*) FROM public.event_store WHERE published_at IS NULL AND topic IS NOT NULL")
                .getSingleResult()).longValue() > 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the outbox did not drain within 30 s: is the broker reachable?");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private TableReport compare(String table) {
        String digest = "SELECT count(*), coalesce(sum(('x' || substr(md5(t::text), 1, 15))::bit(60)::bigint), 0) FROM ";
        Object[] live = (Object[]) em.createNativeQuery(digest + "public." + table + " t").getSingleResult();
        Object[] rebuilt = (Object[]) em.createNativeQuery(digest + SCHEMA + "." + table + " t").getSingleResult();
        boolean equal = ((Number) live[0]).longValue() == ((Number) rebuilt[0]).longValue()
                && live[1].toString().equals(rebuilt[1].toString());
        List<String> onlyLive = equal ? List.of() : em.createNativeQuery("SELECT t::text FROM (SELECT * FROM public."
                + table + " EXCEPT SELECT * FROM " + SCHEMA + "." + table + ") t LIMIT 5").getResultList();
        List<String> onlyRebuilt = equal ? List.of() : em.createNativeQuery("SELECT t::text FROM (SELECT * FROM "
                + SCHEMA + "." + table + " EXCEPT SELECT * FROM public." + table + ") t LIMIT 5").getResultList();
        return new TableReport(table, ((Number) live[0]).longValue(), ((Number) rebuilt[0]).longValue(), equal,
                onlyLive, onlyRebuilt);
    }

    /** [connections in the live index, connections in the rebuilt table, of those, how many the live index has]. */
    @SuppressWarnings("unchecked")
    private long[] compareIndex() {
        var g = index.index();
        long found = 0;
        long rows = 0;
        try (var edges = em.createNativeQuery("SELECT member_id, other_id FROM " + SCHEMA
                + ".connection WHERE member_id < other_id").setHint("org.hibernate.fetchSize", 10_000).getResultStream()) {
            for (Object o : (Iterable<Object>) edges::iterator) {
                Object[] e = (Object[]) o;
                rows++;
                if (g.connected(g.indexOf((UUID) e[0]), g.indexOf((UUID) e[1]))) {
                    found++;
                }
            }
        }
        return new long[]{g.connectionCount(), rows, found};
    }

    private void sql(String statement) {
        em.createNativeQuery(statement).executeUpdate();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
