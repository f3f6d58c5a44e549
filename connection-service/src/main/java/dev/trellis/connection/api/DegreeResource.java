package dev.trellis.connection.api;

import dev.trellis.connection.domain.ConnectionRules;
import dev.trellis.connection.store.GraphIndexStore;
import dev.trellis.platform.security.CurrentMember;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.NonBlocking;
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
 */
@Path("/members/{memberId}")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Connections")
public class DegreeResource {
    private final CurrentMember current;
    private final GraphIndexStore index;

    public DegreeResource(CurrentMember current, GraphIndexStore index) {
        this.current = current;
        this.index = index;
    }

    public record DegreeView(UUID from, UUID to, Integer degree, String label) {
    }

    @GET
    @Path("degree/{otherId}")
    @NonBlocking
    @Operation(summary = "Degree between two members: 1st, 2nd, 3rd or out of network",
            description = "Answered from the in-memory graph index.")
    public DegreeView degree(@PathParam("memberId") UUID memberId, @PathParam("otherId") UUID otherId) {
        current.id();
        var g = index.index();
        int d = g.degree(g.indexOf(memberId), g.indexOf(otherId));
        Integer degree = memberId.equals(otherId) ? Integer.valueOf(0) : d < 0 ? null : Integer.valueOf(d);
        return new DegreeView(memberId, otherId, degree, ConnectionRules.label(degree));
    }
}
