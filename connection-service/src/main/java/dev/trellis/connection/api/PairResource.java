package dev.trellis.connection.api;

import dev.trellis.connection.application.PairService;
import dev.trellis.connection.store.GraphIndexStore;
import dev.trellis.connection.store.GraphRepository;
import dev.trellis.platform.domain.NameVisibility;
import dev.trellis.platform.api.Page;
import dev.trellis.platform.api.Paging;
import dev.trellis.platform.security.CurrentMember;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import java.util.UUID;

/** My own connections and blocks (the caller is always the acting member). */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Connections")
public class PairResource {
    private final PairService pairs;
    private final GraphRepository graph;
    private final CurrentMember current;
    private final GraphIndexStore index;

    public PairResource(PairService pairs, GraphRepository graph, CurrentMember current, GraphIndexStore index) {
        this.pairs = pairs;
        this.graph = graph;
        this.current = current;
        this.index = index;
    }

    public record BlockRequest(@NotNull UUID memberId) {
    }

    @DELETE
    @Path("connections/{otherId}")
    @Operation(summary = "Remove a connection", description = "204; the other member is not notified. Publishes "
            + "ConnectionRemoved (recommendations between the two are withdrawn elsewhere). 404 not-connected, "
            + "member-not-found (a member this service does not know); 422 cannot-remove-yourself.")
    public Response remove(@PathParam("otherId") UUID otherId) {
        pairs.remove(current.id(), otherId);
        return Response.noContent().build();
    }

    @POST
    @Path("blocks")
    @Operation(summary = "Block a member", description = "Removes any connection; no invitations or messages either "
            + "way. Publishes MemberBlocked. 409 already-blocked; 422 cannot-block-yourself; 404 member-not-found (a "
            + "member this service does not know).")
    public Response block(@Valid @NotNull BlockRequest req) {
        pairs.block(current.id(), req.memberId());
        return Response.noContent().build();
    }

    @DELETE
    @Path("blocks/{memberId}")
    @Operation(summary = "Unblock a member", description = "204; it does not reconnect you. 404 not-blocked, "
            + "member-not-found (a member this service does not know).")
    public Response unblock(@PathParam("memberId") UUID memberId) {
        pairs.unblock(current.id(), memberId);
        return Response.noContent().build();
    }

    @GET
    @Path("blocks")
    @Operation(summary = "The members I blocked, most recent first",
            description = "Names follow each member's profile visibility at their degree from me (restricted: "
                    + "first name and last initial).")
    public Page<BlockView> blocks(@QueryParam("page") String page, @QueryParam("size") String size) {
        UUID me = current.id();
        int p = Paging.page(page);
        int s = Paging.size(size);
        Viewer viewer = new Viewer(index.index(), me);
        return QuarkusTransaction.requiringNew().call(() -> new Page<>(graph.blocks(me, p, s).stream()
                .map(b -> view(viewer, b)).toList(), p, s, graph.blockCount(me)));
    }

    /** A member I blocked, as I may see them ({@code restricted}: first name and last initial). */
    public record BlockView(UUID memberId, String firstName, String lastName, Instant blockedAt, boolean restricted) {
    }

    private static BlockView view(Viewer viewer, GraphRepository.BlockRow b) {
        if (b.firstName() == null) {
            return new BlockView(b.memberId(), null, null, b.blockedAt(), false);
        }
        NameVisibility.Shown shown = viewer.show(b.memberId(), b.firstName(), b.lastName(), b.profileVisibility());
        return new BlockView(b.memberId(), shown.firstName(), shown.lastName(), b.blockedAt(), shown.restricted());
    }
}
