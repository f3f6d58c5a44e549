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
import dev.trellis.platform.domain.NameVisibility;
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

    /** The sizes are null when the member shows their connections to nobody and the caller is someone else. */
    public record NetworkSize(UUID memberId, Integer firstDegree, Integer secondDegree, Integer thirdDegree) {
    }

    /** A named member as the caller may see them ({@code restricted}: first name and last initial, no headline). */
    public record Person(UUID memberId, String firstName, String lastName, String headline, boolean restricted) {
    }

    public record Suggestion(Person member, int mutualConnections, List<String> reasons) {
    }

    /** Up to 3 shortest paths, and what the two share: companies (current ones first), schools, groups. */
    public record Paths(UUID from, UUID to, Integer degree, List<List<Person>> paths, List<String> sharedCompanies,
                        List<String> sharedSchools, List<String> sharedGroups) {
    }

    @GET
    @Path("network-size")
    @Operation(summary = "How many members are 1st, 2nd and 3rd degree from a member (exact)",
            description = "The owner always sees their sizes. Another member sees them only when the owner shows "
                    + "their connections to everyone; otherwise the answer is 200 with the three sizes null. "
                    + "404 member-not-found for a member this service does not know.")
    public NetworkSize networkSize(@PathParam("memberId") UUID memberId) {
        UUID me = current.id();
        graph.requireKnown(memberId);
        if (!me.equals(memberId) && facts.connectionsPrivate(memberId)) {
            return new NetworkSize(memberId, null, null, null);
        }
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
                    + "score (one point per mutual connection, +4 per company both work at now, +3 per company "
                    + "both worked at, +2 per shared school, +1 per shared group (at most 3), +1 for the same "
                    + "city), then by more mutual connections, then by the lower member id, where member ids are "
                    + "compared as their canonical lowercase UUID strings (the order PostgreSQL sorts uuid in), "
                    + "each with its reasons (\"12 mutual connections\", \"also worked at Acme\"). Never your "
                    + "connections, members you have a pending, ignored or declined invitation with (either way), "
                    + "members blocked either way, or members you dismissed. At most " + SuggestionRanking.MAX
                    + " in all: the first " + SuggestionRanking.MAX + " of that ranking, paged. Names follow "
                    + "each member's profile visibility at their degree from you; a member shown restricted "
                    + "carries only the mutual-connection reason (none at 3rd degree), never their company, "
                    + "school, groups or city. 403 not-yourself; 404 "
                    + "member-not-found.")
    public Page<Suggestion> pymk(@PathParam("memberId") UUID memberId, @QueryParam("page") String page,
                                 @QueryParam("size") String size) {
        UUID me = current.requireSelf(memberId);
        int p = Paging.page(page);
        int s = Paging.size(size);
        graph.requireKnown(me);
        GraphIndex g = index.index();
        int self = g.indexOf(me);
        Set<UUID> excluded = graph.dismissed(me);
        excluded.addAll(graph.blockedEitherWay(me));
        excluded.addAll(facts.invitedEitherWay(me));
        excluded.add(me);
        // members who share a company, school or group: all of them, with their exact mutual counts
        Set<UUID> sharing = facts.sharingAnything(me);
        sharing.removeIf(id -> excluded.contains(id) || g.connected(self, g.indexOf(id)));
        Map<UUID, Integer> mutuals = new HashMap<>();
        for (UUID id : sharing) {
            mutuals.put(id, self < 0 ? 0 : g.mutualCount(self, g.indexOf(id)));
        }
        // friends of friends who share nothing else score their mutual count: the ranking's first MAX of them
        // are the first MAX by (mutual count, lower id), which needs every one tied with the MAX-th
        for (SuggestionRanking.Candidate c : friendsOfFriends(g, self,
                i -> excluded.contains(g.memberId(i)) || sharing.contains(g.memberId(i)))) {
            mutuals.put(c.memberId(), c.mutualConnections());
        }
        Map<UUID, SharedFacts> shared = facts.shared(me, sharing);
        List<SuggestionRanking.Candidate> candidates = new ArrayList<>();
        mutuals.forEach((id, m) -> candidates.add(new SuggestionRanking.Candidate(id, m,
                shared.getOrDefault(id, SharedFacts.NONE))));
        List<SuggestionRanking.Ranked> ranked = SuggestionRanking.top(candidates);
        long offset = Paging.offset(p, s);
        int from = (int) Math.min(offset, ranked.size());
        List<SuggestionRanking.Ranked> window = ranked.subList(from, Math.min(from + s, ranked.size()));
        Map<UUID, GraphRepository.MemberRow> names = graph.members(window.stream().map(SuggestionRanking.Ranked::memberId).toList());
        Viewer viewer = new Viewer(g, me);
        List<Suggestion> items = window.stream().map(r -> {
            Person person = person(viewer, r.memberId(), names);
            // a restricted member's company, school, groups and city are theirs to hide: only the mutual count stays
            List<String> reasons = person.restricted() ? SuggestionRanking.reasons(
                    new SuggestionRanking.Candidate(r.memberId(), r.mutualConnections(), SharedFacts.NONE)) : r.reasons();
            return new Suggestion(person, r.mutualConnections(), reasons);
        }).toList();
        return new Page<>(items, p, s, ranked.size());
    }

    /**
     * Friends of friends (not excluded) that can be among the ranking's first {@link SuggestionRanking#MAX} on their
     * mutual count alone: the index's best MAX by count, widened until every candidate with the lowest count kept is
     * in (the index breaks ties by its internal numbering, the ranking by member id).
     */
    private static List<SuggestionRanking.Candidate> friendsOfFriends(GraphIndex g, int self,
                                                                       java.util.function.IntPredicate exclude) {
        if (self < 0) {
            return List.of();
        }
        int limit = SuggestionRanking.MAX;
        Suggestions fof = g.pymk(self, limit, exclude);
        // full, and the lowest count kept may have ties left out: widen until a lower count (or everyone) is in
        while (fof.size() == limit && limit <= Integer.MAX_VALUE / 2) {
            int theta = fof.mutualCount(limit - 1);
            limit *= 2;
            fof = g.pymk(self, limit, exclude);
            if (fof.size() < limit || fof.mutualCount(limit - 1) < theta) {
                break;
            }
        }
        List<SuggestionRanking.Candidate> out = new ArrayList<>(fof.size());
        for (int k = 0; k < fof.size(); k++) {
            out.add(new SuggestionRanking.Candidate(g.memberId(fof.member(k)), fof.mutualCount(k), SharedFacts.NONE));
        }
        return out;
    }

    @GET
    @Path("paths/{otherId}")
    @Operation(summary = "How you are connected: up to 3 shortest paths of at most 3 hops, through named members, "
            + "and the companies, schools and groups the two share",
            description = "For the caller only: memberId must be the caller (403 not-yourself otherwise); 404 "
                    + "member-not-found for a member this service does not know. A path never names a connection "
                    + "that its owner keeps private: on a 3-hop path me - X - Y - other the connection Y - other "
                    + "is named only when both Y and the other member show their connections to everyone (other "
                    + "paths are shown, up to 3; the degree still says 3rd). Connections of mine and of my "
                    + "connections to their connections (X - Y, X - other) are always named: X is a mutual "
                    + "connection, which is always visible. Names follow each member's profile visibility at "
                    + "their degree from the caller; when the caller sees the other member restricted (NAME_INITIAL, "
                    + "3rd degree or farther), the shared companies, schools and groups are empty.")
    public Paths paths(@PathParam("memberId") UUID memberId, @PathParam("otherId") UUID otherId) {
        UUID me = current.requireSelf(memberId);
        graph.requireKnown(me, otherId);
        GraphIndex g = index.index();
        int a = g.indexOf(memberId);
        int b = g.indexOf(otherId);
        int d = memberId.equals(otherId) ? 0 : g.degree(a, b);
        int[][] raw = d > 0 ? g.shortestPaths(a, b, 3, d == 3 ? PATH_CANDIDATES : 3) : new int[0][];
        if (d == 3) {
            raw = namedPaths(g, raw, otherId);
        }
        List<UUID> ids = new ArrayList<>();
        for (int[] path : raw) {
            for (int m : path) {
                ids.add(g.memberId(m));
            }
        }
        Map<UUID, GraphRepository.MemberRow> names = graph.members(ids);
        Viewer viewer = new Viewer(g, me);
        List<List<Person>> paths = new ArrayList<>();
        for (int[] path : raw) {
            List<Person> people = new ArrayList<>();
            for (int m : path) {
                people.add(person(viewer, g.memberId(m), names));
            }
            paths.add(people);
        }
        // what the two share is the other's company, school and groups: not for a caller who sees them restricted
        boolean restricted = !memberId.equals(otherId) && person(viewer, otherId, graph.members(List.of(otherId))).restricted();
        SharedFacts common = memberId.equals(otherId) || restricted ? SharedFacts.NONE
                : facts.shared(memberId, List.of(otherId)).getOrDefault(otherId, SharedFacts.NONE);
        return new Paths(memberId, otherId, d < 0 ? null : d, paths, common.companies(), common.schools(),
                common.groups());
    }

    /** 3-hop paths looked at to find up to 3 that may be named. */
    static final int PATH_CANDIDATES = 64;

    /** The first 3 of the 3-hop paths me - X - Y - other whose last connection Y - other neither owner keeps private. */
    private int[][] namedPaths(GraphIndex g, int[][] raw, UUID other) {
        List<UUID> owners = new ArrayList<>();
        owners.add(other);
        for (int[] path : raw) {
            owners.add(g.memberId(path[2]));
        }
        Set<UUID> hidden = facts.connectionsPrivateAmong(owners);
        if (hidden.contains(other)) {
            return new int[0][];
        }
        List<int[]> out = new ArrayList<>();
        for (int[] path : raw) {
            if (out.size() < 3 && !hidden.contains(g.memberId(path[2]))) {
                out.add(path);
            }
        }
        return out.toArray(new int[0][]);
    }

    private static Person person(Viewer viewer, UUID id, Map<UUID, GraphRepository.MemberRow> names) {
        GraphRepository.MemberRow m = names.get(id);
        if (m == null) {
            return new Person(id, null, null, null, false);
        }
        NameVisibility.Shown shown = viewer.show(id, m.firstName(), m.lastName(), m.profileVisibility());
        return new Person(id, shown.firstName(), shown.lastName(), shown.restricted() ? null : m.headline(),
                shown.restricted());
    }
}
