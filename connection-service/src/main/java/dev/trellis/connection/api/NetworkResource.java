package dev.trellis.connection.api;

import dev.trellis.connection.domain.SharedFacts;
import dev.trellis.connection.domain.SuggestionRanking;
import dev.trellis.connection.index.GraphIndex;
import dev.trellis.connection.index.Suggestions;
import dev.trellis.connection.store.GraphIndexStore;
import dev.trellis.connection.store.GraphRepository;
import dev.trellis.connection.store.NetworkFactsRepository;
import dev.trellis.platform.api.Page;
import dev.trellis.platform.api.Paging;
import dev.trellis.platform.security.CurrentMember;
import io.quarkus.security.Authenticated;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Questions about the wider network, answered from the in-memory graph index. */
@Path("/members/{memberId}")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Network")
@Transactional
public class NetworkResource {
    private static final int PYMK_MAX = 200;
    private final GraphIndexStore index;
    private final GraphRepository graph;
    private final CurrentMember current;
    private final NetworkFactsRepository facts;

    public NetworkResource(GraphIndexStore index, GraphRepository graph, CurrentMember current,
                           NetworkFactsRepository facts) {
        this.index = index;
        this.graph = graph;
        this.current = current;
        this.facts = facts;
    }

    public record NetworkSize(UUID memberId, int firstDegree, int secondDegree, int thirdDegree) {
    }

    public record Person(UUID memberId, String firstName, String lastName, String headline) {
    }

    public record Suggestion(Person member, int mutualConnections, List<String> reasons) {
    }

    /** Up to 3 shortest paths, and what the two share: companies (current ones first), schools, groups. */
    public record Paths(UUID from, UUID to, Integer degree, List<List<Person>> paths, List<String> sharedCompanies,
                        List<String> sharedSchools, List<String> sharedGroups) {
    }

    @GET
    @Path("network-size")
    @Operation(summary = "How many members are 1st, 2nd and 3rd degree from a member (exact)")
    public NetworkSize networkSize(@PathParam("memberId") UUID memberId) {
        current.id();
        GraphIndex g = index.index();
        int i = g.indexOf(memberId);
        if (i < 0) {
            return new NetworkSize(memberId, 0, 0, 0);
        }
        int[] sizes = g.networkSizes(i);
        return new NetworkSize(memberId, g.connectionCountOf(i), sizes[0], sizes[1]);
    }

    @GET
    @Path("pymk")
    @Operation(summary = "People You May Know (your own)",
            description = "Friends of friends and members you share a company, school or group with, ranked by "
                    + "mutual connections plus what you share (company, school, group, city), each with its "
                    + "reasons (\"12 mutual connections\", \"also worked at Acme\"). Never your connections, "
                    + "members you have a pending invitation with (either way), members blocked either way, or "
                    + "members you dismissed. Paged (at most 400 in all).")
    public Page<Suggestion> pymk(@PathParam("memberId") UUID memberId, @QueryParam("page") String page,
                                 @QueryParam("size") String size) {
        UUID me = current.requireSelf(memberId);
        int p = Paging.page(page);
        int s = Paging.size(size);
        GraphIndex g = index.index();
        int self = g.indexOf(me);
        Set<UUID> excluded = graph.dismissed(me);
        excluded.addAll(graph.blockedEitherWay(me));
        excluded.addAll(facts.invitedEitherWay(me));
        excluded.add(me);
        Suggestions friendsOfFriends = g.pymk(self, PYMK_MAX, i -> excluded.contains(g.memberId(i)));
        Map<UUID, Integer> mutuals = new HashMap<>();
        for (int k = 0; k < friendsOfFriends.size(); k++) {
            mutuals.put(g.memberId(friendsOfFriends.member(k)), friendsOfFriends.mutualCount(k));
        }
        Set<UUID> ids = facts.sharingAnything(me, PYMK_MAX);
        ids.removeIf(id -> excluded.contains(id) || g.connected(self, g.indexOf(id)));
        ids.addAll(mutuals.keySet());
        Map<UUID, SharedFacts> shared = facts.shared(me, ids);
        List<SuggestionRanking.Candidate> candidates = new ArrayList<>();
        for (UUID id : ids) {
            candidates.add(new SuggestionRanking.Candidate(id, mutuals.getOrDefault(id, 0),
                    shared.getOrDefault(id, SharedFacts.NONE)));
        }
        List<SuggestionRanking.Ranked> ranked = SuggestionRanking.rank(candidates);
        int from = Math.min(p * s, ranked.size());
        List<SuggestionRanking.Ranked> window = ranked.subList(from, Math.min(from + s, ranked.size()));
        Map<UUID, GraphRepository.MemberRow> names = graph.members(window.stream().map(SuggestionRanking.Ranked::memberId).toList());
        List<Suggestion> items = window.stream()
                .map(r -> new Suggestion(person(r.memberId(), names), r.mutualConnections(), r.reasons())).toList();
        return new Page<>(items, p, s, ranked.size());
    }

    @GET
    @Path("paths/{otherId}")
    @Operation(summary = "How you are connected: up to 3 shortest paths of at most 3 hops, through named members, "
            + "and the companies, schools and groups the two share")
    public Paths paths(@PathParam("memberId") UUID memberId, @PathParam("otherId") UUID otherId) {
        current.id();
        GraphIndex g = index.index();
        int a = g.indexOf(memberId);
        int b = g.indexOf(otherId);
        int d = memberId.equals(otherId) ? 0 : g.degree(a, b);
        int[][] raw = d > 0 ? g.shortestPaths(a, b, 3, 3) : new int[0][];
        List<UUID> ids = new ArrayList<>();
        for (int[] path : raw) {
            for (int m : path) {
                ids.add(g.memberId(m));
            }
        }
        Map<UUID, GraphRepository.MemberRow> names = graph.members(ids);
        List<List<Person>> paths = new ArrayList<>();
        for (int[] path : raw) {
            List<Person> people = new ArrayList<>();
            for (int m : path) {
                people.add(person(g.memberId(m), names));
            }
            paths.add(people);
        }
        SharedFacts common = memberId.equals(otherId) ? SharedFacts.NONE
                : facts.shared(memberId, List.of(otherId)).getOrDefault(otherId, SharedFacts.NONE);
        return new Paths(memberId, otherId, d < 0 ? null : d, paths, common.companies(), common.schools(),
                common.groups());
    }

    private static Person person(UUID id, Map<UUID, GraphRepository.MemberRow> names) {
        GraphRepository.MemberRow m = names.get(id);
        return m == null ? new Person(id, null, null, null) : new Person(id, m.firstName(), m.lastName(), m.headline());
    }
}
