package dev.trellis.connection.api;

import dev.trellis.connection.domain.NetworkOrganisation;
import dev.trellis.connection.store.GraphIndexStore;
import dev.trellis.connection.store.GraphRepository;
import dev.trellis.connection.store.NetworkFactsRepository;
import dev.trellis.platform.api.Page;
import dev.trellis.platform.api.Paging;
import dev.trellis.platform.domain.DomainException;
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
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@Path("/members/{memberId}")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Connections")
@Transactional
public class GraphResource {
    private final GraphRepository graph;
    private final CurrentMember current;
    private final NetworkFactsRepository facts;
    private final GraphIndexStore index;

    public GraphResource(GraphRepository graph, CurrentMember current,
                         NetworkFactsRepository facts, GraphIndexStore index) {
        this.graph = graph;
        this.current = current;
        this.facts = facts;
        this.index = index;
    }

    /** {@code count} is null when the owner shows their connections to nobody and the caller is someone else. */
    public record CountView(UUID memberId, Long count) {
    }

    /**
     * A member in a list, as the caller may see them: a NAME_INITIAL member out of the caller's network
     * ({@code restricted}) has the last name's initial only and no headline; {@code vip} only in the owner's own
     * list; {@code relationship} and {@code context} only for the owner.
     */
    public record ConnectionView(UUID memberId, String firstName, String lastName, String headline,
                                 Instant connectedAt, boolean vip, String relationship, String context,
                                 boolean restricted) {
    }

    @GET
    @Path("connections")
    @Operation(summary = "A member's connections", description = "sort: recent (default), firstName, lastName; "
            + "in the owner's own list their VIPs come first in their order (flag vip); other viewers see the "
            + "list in the plain sort order without pin flags. Filters: tag (the owner only: tags are private, "
            + "403 tags-are-private), location (city or country), company (current or past), industry; another "
            + "viewer's location, company or industry filter never matches a member whose name that viewer sees "
            + "restricted. When the owner chose to show their connections to nobody, another member sees only the "
            + "connections they share with the owner (mutual connections are always visible), and the response "
            + "says so in the header X-Trellis-List-Visibility: mutual-only. How the owner knows each connection "
            + "(relationship, context) is shown to the owner only. Names follow the shown member's profile "
            + "visibility at their degree from the caller (restricted: first name and last initial, no headline). "
            + "404 member-not-found for a member this service does not know.")
    public Response connections(@PathParam("memberId") UUID memberId,
                                @QueryParam("sort") String sort,
                                @QueryParam("tag") String tag,
                                @QueryParam("location") String location,
                                @QueryParam("company") String company,
                                @QueryParam("industry") String industry,
                                @QueryParam("page") String page,
                                @QueryParam("size") String size) {
        UUID me = current.id();
        int p = Paging.page(page);
        int s = Paging.size(size);
        boolean owner = me.equals(memberId);
        String t = tag == null || tag.isBlank() ? null : NetworkOrganisation.tag(tag);
        String loc = filterValue("location", location);
        String co = filterValue("company", company);
        String ind = filterValue("industry", industry);
        GraphRepository.Sort order = sort(sort);
        graph.requireKnown(memberId);
        if (t != null && !owner) {
            throw DomainException.forbidden("tags-are-private", "only the owner can filter by their tags");
        }
        boolean mutualOnly = !owner && facts.connectionsPrivate(memberId);
        boolean profileFilter = loc != null || co != null || ind != null;
        var filter = new GraphRepository.Filter(t, loc, co, ind, mutualOnly ? me : null,
                !owner && profileFilter ? me : null);
        Viewer viewer = new Viewer(index.index(), me);
        List<ConnectionView> rows = graph.connections(memberId, filter, order, owner, p, s).stream()
                .map(r -> view(viewer, r, owner)).toList();
        return Response.ok(new Page<>(rows, p, s, graph.count(memberId, filter)))
                .header("X-Trellis-List-Visibility", mutualOnly ? "mutual-only" : "all").build();
    }

    static ConnectionView view(Viewer viewer, GraphRepository.ConnectionRow r, boolean owner) {
        if (r.firstName() == null) {
            return new ConnectionView(r.memberId(), null, null, null, r.connectedAt(), owner && r.vip(),
                    owner ? r.relationship() : null, owner ? r.context() : null, false);
        }
        NameVisibility.Shown shown = viewer.show(r.memberId(), r.firstName(), r.lastName(), r.profileVisibility());
        return new ConnectionView(r.memberId(), shown.firstName(), shown.lastName(),
                shown.restricted() ? null : r.headline(), r.connectedAt(), owner && r.vip(),
                owner ? r.relationship() : null, owner ? r.context() : null, shown.restricted());
    }

    private static String filterValue(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > 100) {
            throw DomainException.invalid(field, "must be at most 100 characters");
        }
        return value;
    }

    @GET
    @Path("connections/count")
    @Operation(summary = "How many 1st-degree connections a member has",
            description = "The owner always sees their count. Another member sees it only when the owner shows "
                    + "their connections to everyone; otherwise the answer is 200 with count null (the same shape "
                    + "profile-service gives). 404 member-not-found for a member this service does not know.")
    public CountView count(@PathParam("memberId") UUID memberId) {
        UUID me = current.id();
        graph.requireKnown(memberId);
        boolean hidden = !me.equals(memberId) && facts.connectionsPrivate(memberId);
        return new CountView(memberId, hidden ? null : graph.count(memberId));
    }

    @GET
    @Path("mutual/{otherId}")
    @Operation(summary = "My mutual connections with another member (always visible)",
            description = "The connections the caller shares with the other member. The caller must be one of "
                    + "the two (403 not-yourself otherwise); the two must differ (400: your own list is "
                    + "GET /members/{me}/connections). 404 member-not-found for a member this service does not "
                    + "know. Sorted by first name, last name, member id.")
    public Page<ConnectionView> mutual(@PathParam("memberId") UUID memberId,
                                       @PathParam("otherId") UUID otherId,
                                       @QueryParam("page") String page,
                                       @QueryParam("size") String size) {
        UUID me = current.id();
        int p = Paging.page(page);
        int s = Paging.size(size);
        graph.requireKnown(memberId, otherId);
        if (!me.equals(memberId) && !me.equals(otherId)) {
            throw DomainException.forbidden("not-yourself", "mutual connections are asked by one of the two members");
        }
        if (memberId.equals(otherId)) {
            throw DomainException.invalid("otherId", "must be another member (your own list is /members/{me}/connections)");
        }
        Viewer viewer = new Viewer(index.index(), me);
        List<ConnectionView> rows = graph.mutual(memberId, otherId, p, s).stream()
                .map(r -> view(viewer, r, false)).toList();
        return new Page<>(rows, p, s, graph.mutualCount(memberId, otherId));
    }

    private static GraphRepository.Sort sort(String sort) {
        if (sort == null || sort.isBlank()) {
            return GraphRepository.Sort.RECENT;
        }
        return switch (sort.toLowerCase(Locale.ROOT)) {
            case "recent" -> GraphRepository.Sort.RECENT;
            case "firstname" -> GraphRepository.Sort.FIRST_NAME;
            case "lastname" -> GraphRepository.Sort.LAST_NAME;
            default -> throw DomainException.invalid("sort", "must be one of recent, firstName, lastName");
        };
    }
}
