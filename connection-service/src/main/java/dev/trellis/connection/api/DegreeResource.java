package dev.trellis.connection.api;

import dev.trellis.connection.domain.ConnectionRules;
import dev.trellis.connection.store.GraphIndexStore;
import dev.trellis.connection.store.GraphRepository;
import dev.trellis.platform.security.CurrentMember;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * The hottest question ("what degree is this member from me?", asked for every name on every page), answered
 * from the in-memory index in microseconds: on the I/O thread, without a transaction or a database connection.
 * Only when one of the two has no connection in the index (none ever, or none left) is the member table asked, on a worker
 * thread, whether the member exists.
 */
@Path("/members/{memberId}")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Connections")
public class DegreeResource {
    private final CurrentMember current;
    private final GraphIndexStore index;
    private final GraphRepository graph;

    public DegreeResource(CurrentMember current, GraphIndexStore index, GraphRepository graph) {
        this.current = current;
        this.index = index;
        this.graph = graph;
    }

    public record DegreeView(UUID from, UUID to, Integer degree, String label) {
    }

    @GET
    @Path("degree/{otherId}")
    @NonBlocking
    @Operation(summary = "My degree to another member: 1st, 2nd, 3rd or out of network",
            description = "Answered from the in-memory graph index, for the caller only: memberId must be the "
                    + "caller (403 not-yourself otherwise). 404 member-not-found for a member this service does "
                    + "not know.")
    public Uni<DegreeView> degree(@PathParam("memberId") UUID memberId, @PathParam("otherId") UUID otherId) {
        current.requireSelf(memberId);
        var g = index.index();
        int a = g.indexOf(memberId);
        int b = g.indexOf(otherId);
        // a member in the index without a connection may have closed their account since (the index keeps the slot):
        // the member table tells, as it does after a restart, so every replica answers the same
        if (a >= 0 && b >= 0 && g.connectionCountOf(a) > 0 && g.connectionCountOf(b) > 0) {
            return Uni.createFrom().item(view(memberId, otherId, g.degree(a, b)));
        }
        return Uni.createFrom().item(() -> {
            QuarkusTransaction.requiringNew().run(() -> graph.requireKnown(memberId, otherId));
            var h = index.index();
            return view(memberId, otherId, h.degree(h.indexOf(memberId), h.indexOf(otherId)));
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static DegreeView view(UUID from, UUID to, int d) {
        Integer degree = from.equals(to) ? Integer.valueOf(0) : d < 0 ? null : Integer.valueOf(d);
        return new DegreeView(from, to, degree, ConnectionRules.label(degree));
    }
}
