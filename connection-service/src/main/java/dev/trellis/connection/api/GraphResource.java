package dev.trellis.connection.api;

import dev.trellis.connection.domain.NetworkOrganisation;
import dev.trellis.connection.store.GraphRepository;
import dev.trellis.connection.store.NetworkFactsRepository;
import dev.trellis.platform.api.Page;
import dev.trellis.platform.api.Paging;
import dev.trellis.platform.domain.DomainException;
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

    public GraphResource(GraphRepository graph, CurrentMember current,
                         NetworkFactsRepository facts) {
        this.graph = graph;
        this.current = current;
        this.facts = facts;
    }

    public record CountView(UUID memberId, long count) {
    }

    @GET
    @Path("connections")
    @Operation(summary = "A member's connections", description = "sort: recent (default), firstName, lastName; "
            + "the owner's VIPs come first in the owner's order. Filters: tag (the owner only: tags are private), "
            + "location (city or country), company (current or past), industry. When the owner chose to show "
            + "their connections to nobody, another member sees only the connections they share with the owner "
            + "(mutual connections are always visible), and the response says so in the header "
            + "X-Trellis-List-Visibility: mutual-only. How the owner knows each connection (relationship, context) "
            + "is shown to the owner only.")
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
        if (t != null && !owner) {
            throw DomainException.forbidden("tags-are-private", "only the owner can filter by their tags");
        }
        boolean mutualOnly = !owner && facts.connectionsPrivate(memberId);
        var filter = new GraphRepository.Filter(t, filterValue("location", location), filterValue("company", company),
                filterValue("industry", industry), mutualOnly ? me : null);
        var rows = graph.connections(memberId, filter, sort(sort), p, s);
        if (!owner) {
            rows = rows.stream().map(GraphRepository.ConnectionRow::withoutContext).toList();
        }
        return Response.ok(new Page<>(rows, p, s, graph.count(memberId, filter)))
                .header("X-Trellis-List-Visibility", mutualOnly ? "mutual-only" : "all").build();
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
    @Operation(summary = "How many 1st-degree connections a member has")
    public CountView count(@PathParam("memberId") UUID memberId) {
        current.id();
        return new CountView(memberId, graph.count(memberId));
    }

    @GET
    @Path("mutual/{otherId}")
    @Operation(summary = "Mutual connections of two members (always visible)")
    public Page<GraphRepository.ConnectionRow> mutual(@PathParam("memberId") UUID memberId,
                                                      @PathParam("otherId") UUID otherId,
                                                      @QueryParam("page") String page,
                                                      @QueryParam("size") String size) {
        current.id();
        int p = Paging.page(page);
        int s = Paging.size(size);
        return new Page<>(graph.mutual(memberId, otherId, p, s), p, s, graph.mutualCount(memberId, otherId));
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
