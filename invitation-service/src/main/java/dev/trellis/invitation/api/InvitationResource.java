package dev.trellis.invitation.api;

import dev.trellis.invitation.application.InvitationService;
import dev.trellis.invitation.domain.InvitationStatus;
import dev.trellis.invitation.store.InvitationEntity;
import dev.trellis.platform.api.Page;
import dev.trellis.platform.api.Paging;
import dev.trellis.platform.security.CurrentMember;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

@Path("/invitations")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Invitations")
public class InvitationResource {
    private final InvitationService invitations;
    private final CurrentMember current;

    public InvitationResource(InvitationService invitations, CurrentMember current) {
        this.invitations = invitations;
        this.current = current;
    }

    /** {@code note}: optional personal note, at most 300 characters after trimming — a personal note is encouraged. */
    public record SendRequest(@NotNull UUID toMemberId, String note) {
    }

    public record InvitationView(UUID invitationId, UUID fromMemberId, UUID toMemberId, String note, String status,
                                 Instant sentAt, Instant answeredAt) {
        /** What {@code viewer} sees: an ignored invitation stays "pending" for its sender. */
        static InvitationView of(InvitationEntity e, UUID viewer) {
            boolean hideIgnore = InvitationStatus.IGNORED.name().equals(e.status) && viewer.equals(e.fromMember);
            String status = (hideIgnore ? InvitationStatus.PENDING.name() : e.status).toLowerCase();
            return new InvitationView(e.invitationId, e.fromMember, e.toMember, e.note, status, e.sentAt,
                    hideIgnore ? null : e.answeredAt);
        }
    }

    @POST
    @Operation(summary = "Invite a member to connect",
            description = "Publishes InvitationSent. Refused: yourself (422), a duplicate pending invitation (409), "
                    + "an unknown member (404), a note over 300 characters (422).")
    public Response send(@Valid @NotNull SendRequest req) {
        UUID me = current.id();
        InvitationEntity e = invitations.send(me, req.toMemberId(), req.note());
        return Response.created(URI.create("/invitations/" + e.invitationId)).entity(InvitationView.of(e, me)).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One invitation (its sender or recipient only)")
    public InvitationView get(@PathParam("id") UUID id) {
        UUID me = current.id();
        return InvitationView.of(invitations.find(id, me), me);
    }

    @POST
    @Path("{id}/accept")
    @Operation(summary = "Accept (recipient)", description = "Publishes InvitationAccepted: the two members are connected.")
    public InvitationView accept(@PathParam("id") UUID id) {
        UUID me = current.id();
        return InvitationView.of(invitations.accept(id, me), me);
    }

    @POST
    @Path("{id}/ignore")
    @Operation(summary = "Ignore (recipient)", description = "The sender is not told and still sees the invitation as pending.")
    public InvitationView ignore(@PathParam("id") UUID id) {
        UUID me = current.id();
        return InvitationView.of(invitations.ignore(id, me), me);
    }

    @POST
    @Path("{id}/withdraw")
    @Operation(summary = "Withdraw (sender)", description = "The recipient's copy disappears.")
    public InvitationView withdraw(@PathParam("id") UUID id) {
        UUID me = current.id();
        return InvitationView.of(invitations.withdraw(id, me), me);
    }

    @GET
    @Path("received")
    @Transactional
    @Operation(summary = "Pending invitations I received, newest first")
    public Page<InvitationView> received(@QueryParam("page") String page, @QueryParam("size") String size) {
        UUID me = current.id();
        return page(InvitationEntity.find("toMember = ?1 and status = 'PENDING'", Sort.descending("sentAt"), me),
                me, page, size);
    }

    @GET
    @Path("sent")
    @Transactional
    @Operation(summary = "Invitations I sent that are still pending (to me), newest first")
    public Page<InvitationView> sent(@QueryParam("page") String page, @QueryParam("size") String size) {
        UUID me = current.id();
        return page(InvitationEntity.find("fromMember = ?1 and status in ('PENDING', 'IGNORED')", Sort.descending("sentAt"), me),
                me, page, size);
    }

    private static Page<InvitationView> page(PanacheQuery<InvitationEntity> q, UUID me, String page, String size) {
        int p = Paging.page(page);
        int s = Paging.size(size);
        var items = q.page(p, s).list().stream().map(e -> InvitationView.of(e, me)).toList();
        return new Page<>(items, p, s, q.count());
    }
}
