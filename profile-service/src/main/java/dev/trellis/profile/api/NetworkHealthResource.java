package dev.trellis.profile.api;

import dev.trellis.platform.security.CurrentMember;
import dev.trellis.profile.application.NetworkHealthService;
import dev.trellis.profile.domain.NetworkHealth;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** How my network compares with the range for my career level, with advice. */
@Path("/members/{memberId}/network-health")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Network health")
public class NetworkHealthResource {
    private final NetworkHealthService health;
    private final CurrentMember current;

    public NetworkHealthResource(NetworkHealthService health, CurrentMember current) {
        this.health = health;
        this.current = current;
    }

    @GET
    @Operation(summary = "My network health", description = "Connection count against the target range of my "
            + "career level (student 50-100, recent graduate 100-300, young professional 300-500, established "
            + "500-1,000, executive 1,000+) and advice from my acceptance rate and my network's shape. "
            + "invitationsPending counts every invitation not accepted, withdrawn or expired (an ignored one too: the "
            + "sender is never told); acceptanceRate = accepted / (accepted or sent at least 14 days ago), from 5 such "
            + "invitations on (null before). Only for myself: 404 member-not-found for an unknown member, 403 "
            + "not-yourself for another member.")
    public NetworkHealth.Report networkHealth(@PathParam("memberId") UUID memberId) {
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> FollowResource.exists(memberId));
        return health.assess(current.requireSelf(memberId));
    }
}
