package dev.trellis.notification.api;

import dev.trellis.notification.application.StreamTickets;
import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.security.CurrentMember;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.UUID;

@Path("/badges/stream-tickets")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Badges")
public class StreamTicketResource {
    private final StreamTickets tickets;
    private final CurrentMember current;
    private final JsonWebToken jwt;

    public StreamTicketResource(StreamTickets tickets, CurrentMember current, JsonWebToken jwt) {
        this.tickets = tickets;
        this.current = current;
        this.jwt = jwt;
    }

    /** {@code ticket}: pass it as {@code GET /badges/stream?ticket=}; {@code expiresIn}: seconds it can be used in. */
    public record Ticket(String ticket, long expiresIn) {
    }

    @POST
    @Operation(summary = "A ticket to open my badge stream without putting my token in the URL",
            description = "201 {ticket, expiresIn}: opens one GET /badges/stream?ticket= within expiresIn seconds "
                    + "(30), once. Bound to me, to my token's session and expiry: the stream ends when the token "
                    + "expires or its session is revoked (and an unused ticket of a revoked session is void).")
    public Response issue() {
        UUID me = current.id();
        String sid = current.sessionId();
        long exp = jwt.getExpirationTime();
        if (exp <= 0) {
            throw DomainException.unauthenticated("invalid-token", "the token has no expiry");
        }
        StreamTickets.Issued t = tickets.issue(me, sid, Instant.ofEpochSecond(exp));
        return Response.status(201).entity(new Ticket(t.ticket(), t.expiresIn())).build();
    }
}
