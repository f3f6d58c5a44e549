package dev.trellis.connection.api;

import dev.trellis.connection.domain.NetworkOrganisation;
import dev.trellis.connection.store.GraphRepository;
import dev.trellis.platform.domain.Clock;
import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.security.CurrentMember;
import io.quarkus.security.Authenticated;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** Tags on my connections, my VIP pins and my "People You May Know" dismissals (the caller's own, private). */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "My network")
@Transactional
public class OrganisationResource {
    private final GraphRepository graph;
    private final CurrentMember current;
    private final Clock clock;

    public OrganisationResource(GraphRepository graph, CurrentMember current, Clock clock) {
        this.graph = graph;
        this.current = current;
        this.clock = clock;
    }

    public record TagRequest(@NotBlank String tag) {
    }

    public record TagsView(UUID memberId, List<String> tags) {
    }

    public record VipRequest(@NotNull List<@NotNull UUID> memberIds) {
    }

    public record VipsView(List<UUID> memberIds) {
    }

    public record DismissRequest(@NotNull UUID memberId, @NotBlank String reason) {
    }

    @POST
    @Path("connections/{otherId}/tags")
    @Operation(summary = "Tag one of my connections",
            description = "404 member-not-found (a member this service does not know), not-connected; 422 invalid-tag.")
    public TagsView tag(@PathParam("otherId") UUID otherId, @Valid @NotNull TagRequest req) {
        UUID me = current.id();
        String tag = NetworkOrganisation.tag(req.tag());
        graph.requireKnown(otherId);
        NetworkOrganisation.requireConnection(graph.connected(me, otherId));
        graph.tag(me, otherId, tag);
        return new TagsView(otherId, graph.tagsOf(me, otherId));
    }

    @DELETE
    @Path("connections/{otherId}/tags/{tag}")
    @Operation(summary = "Remove a tag from one of my connections",
            description = "404 member-not-found (a member this service does not know), tag-not-found; 422 invalid-tag.")
    public TagsView untag(@PathParam("otherId") UUID otherId, @PathParam("tag") String tag) {
        UUID me = current.id();
        String t = NetworkOrganisation.tag(tag);
        graph.requireKnown(otherId);
        if (graph.untag(me, otherId, t) == 0) {
            throw DomainException.notFound("tag-not-found", "this connection has no such tag");
        }
        return new TagsView(otherId, graph.tagsOf(me, otherId));
    }

    @GET
    @Path("tags")
    @Operation(summary = "My tags, with how many connections carry each",
            description = "Filter my connections by one: GET /members/{me}/connections?tag=...")
    public List<GraphRepository.TagCount> tags() {
        return graph.tags(current.id());
    }

    @PUT
    @Path("vips")
    @Operation(summary = "Set my VIP pins, in order",
            description = "At most 20 of my connections, shown first in my list in this order. "
                    + "Only I see my pins and their order (others see my list in its plain order, without pin "
                    + "flags). 422 too-many-vips / duplicate-vip / vip-not-a-connection; 404 member-not-found for "
                    + "a member this service does not know.")
    public VipsView setVips(@Valid @NotNull VipRequest req) {
        UUID me = current.id();
        if (req.memberIds().size() <= NetworkOrganisation.MAX_VIPS) {
            graph.requireKnown(req.memberIds().toArray(new UUID[0]));
        }
        List<UUID> ordered = NetworkOrganisation.vips(req.memberIds(),
                req.memberIds().size() > NetworkOrganisation.MAX_VIPS ? java.util.Set.of()
                        : graph.connectionsAmong(me, req.memberIds()));
        graph.replaceVips(me, ordered);
        return new VipsView(graph.vips(me));
    }

    @GET
    @Path("vips")
    @Operation(summary = "My VIP pins, in my order")
    public VipsView vips() {
        return new VipsView(graph.vips(current.id()));
    }

    @POST
    @Path("pymk/dismissals")
    @Operation(summary = "Dismiss a People You May Know suggestion",
            description = "reason: dont-know, not-relevant, other. A dismissed member is never suggested again. "
                    + "422 cannot-dismiss-yourself, invalid-dismiss-reason; 404 member-not-found for a member this "
                    + "service does not know.")
    public void dismiss(@Valid @NotNull DismissRequest req) {
        UUID me = current.id();
        if (me.equals(req.memberId())) {
            throw DomainException.rule("cannot-dismiss-yourself", "you are never suggested to yourself");
        }
        graph.requireKnown(req.memberId());
        graph.dismiss(me, req.memberId(), NetworkOrganisation.dismissReason(req.reason()), clock.now());
    }
}
