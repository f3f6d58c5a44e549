package dev.trellis.invitation.api;

import dev.trellis.invitation.application.InvitationService;
import dev.trellis.invitation.domain.InvitationStatus;
import dev.trellis.invitation.domain.Standing;
import dev.trellis.invitation.store.InvitationEntity;
import dev.trellis.invitation.store.InvitationQueries;
import dev.trellis.platform.api.Page;
import dev.trellis.platform.api.Paging;
import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.domain.NameVisibility;
import dev.trellis.platform.security.CurrentMember;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/invitations")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Invitations")
public class InvitationResource {
    private final InvitationService invitations;
    private final InvitationQueries queries;
    private final CurrentMember current;

    public InvitationResource(InvitationService invitations, InvitationQueries queries, CurrentMember current) {
        this.invitations = invitations;
        this.queries = queries;
        this.current = current;
    }

    /**
     * @param note           optional personal note, at most 300 characters after trimming — a personal note is encouraged
     * @param relationship   how you know each other: colleague, classmate, client-partner, industry-contact, friend-family, other
     * @param context        the company or school it refers to
     * @param templateId     instead of a note: a built-in template (GET /invitations/templates)
     * @param templateValues values for the template's placeholders that profiles cannot fill (company, school, event...)
     */
    public record SendRequest(@NotNull UUID toMemberId, String note, String relationship, String context,
                              String templateId, Map<String, String> templateValues) {
    }

    public record BulkRequest(@NotEmpty @Size(max = 100) List<@NotNull UUID> toMemberIds, String note,
                              String relationship, String context, String templateId,
                              Map<String, String> templateValues) {
    }

    public record BulkItem(UUID toMemberId, String result, UUID invitationId, String reason, String detail) {
    }

    public record BulkResponse(int sent, int accepted, int refused, List<BulkItem> results) {
    }

    public record InvitationView(UUID invitationId, UUID fromMemberId, UUID toMemberId, String note, String relationship,
                                 String context, String status, boolean mutual, Instant sentAt, Instant answeredAt,
                                 Instant expiresAt, UUID introductionId) {
        /** What {@code viewer} sees: the sender is never told of an ignore or an "I don't know". */
        static InvitationView of(InvitationEntity e, UUID viewer) {
            InvitationStatus s = InvitationStatus.valueOf(e.status);
            boolean hide = viewer.equals(e.fromMember) && s.openForSender();
            return new InvitationView(e.invitationId, e.fromMember, e.toMember, e.note, e.relationship, e.context,
                    (hide ? s.seenBySender() : s).name().toLowerCase(), e.mutual, e.sentAt, hide ? null : e.answeredAt,
                    e.expiresAt, e.introductionId);
        }
    }

    @POST
    @Operation(summary = "Invite a member to connect",
            description = "201 + InvitationSent. If they already invited you, theirs is accepted instead: 200 with "
                    + "status accepted and mutual=true. Refusals (reason): cannot-invite-yourself 422, member-not-found 404, "
                    + "note-too-long 422, unknown-relationship 422, context-too-long 422, not-possible 403 (the one neutral "
                    + "refusal, e.g. for a block either way), already-connected 409, connection-limit-reached 422, "
                    + "recipient-connection-limit-reached 422, invitation-already-pending 409, reinvite-cooldown 422, "
                    + "too-many-pending-invitations 422, weekly-invitation-limit 429, template-not-found 404, "
                    + "unfilled-placeholder 422. A re-invite to a member who once answered \"I don't know this person\" is "
                    + "answered like any other (201, pending to you); it never reaches them.")
    public Response send(@Valid @NotNull SendRequest req) {
        UUID me = current.id();
        InvitationService.Outcome o = invitations.send(me, command(req.toMemberId(), req.note(), req.relationship(),
                req.context(), req.templateId(), req.templateValues()));
        InvitationView view = InvitationView.of(o.invitation(), me);
        return o.mutual() ? Response.ok(view).build()
                : Response.created(URI.create("/invitations/" + o.invitation().invitationId)).entity(view).build();
    }

    private static InvitationService.SendCommand command(UUID to, String note, String relationship, String context,
                                                         String templateId, Map<String, String> values) {
        return new InvitationService.SendCommand(to, note, relationship, context, templateId, values);
    }

    @POST
    @Path("bulk")
    @Operation(summary = "Invite up to 100 members at once (imported contacts)",
            description = "One note or template for all; each member is decided on its own (the quota applies), "
                    + "with a result per member: sent, accepted (mutual) or refused with the reason.")
    public BulkResponse bulk(@Valid @NotNull BulkRequest req) {
        UUID me = current.id();
        List<BulkItem> results = new ArrayList<>();
        int sent = 0;
        int accepted = 0;
        for (UUID to : new LinkedHashSet<>(req.toMemberIds())) {
            try {
                InvitationService.Outcome o = invitations.send(me, command(to, req.note(), req.relationship(),
                        req.context(), req.templateId(), req.templateValues()));
                if (o.mutual()) {
                    accepted++;
                } else {
                    sent++;
                }
                results.add(new BulkItem(to, o.mutual() ? "accepted" : "sent", o.invitation().invitationId, null, null));
            } catch (DomainException e) {
                results.add(new BulkItem(to, "refused", null, e.reason(), e.getMessage()));
            }
        }
        return new BulkResponse(sent, accepted, results.size() - sent - accepted, results);
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
    @Operation(summary = "Accept (recipient)", description = "InvitationAccepted: the two members are connected. "
            + "409 invitation-not-pending / already-connected; 403 not-the-recipient / not-possible; 404 invitation-not-found.")
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
    @Path("{id}/decline-as-unknown")
    @Operation(summary = "\"I don't know this person\" (recipient)",
            description = "The sender is not told, can never invite you again, and their standing drops.")
    public InvitationView declineAsUnknown(@PathParam("id") UUID id) {
        UUID me = current.id();
        return InvitationView.of(invitations.declineAsUnknown(id, me), me);
    }

    @POST
    @Path("{id}/withdraw")
    @Operation(summary = "Withdraw (sender)", description = "The recipient's copy disappears; you cannot invite them again for 21 days.")
    public InvitationView withdraw(@PathParam("id") UUID id) {
        UUID me = current.id();
        return InvitationView.of(invitations.withdraw(id, me), me);
    }

    /** @param introducedBy the mutual connection who introduced the sender to you, with the sender's note to them */
    public record ReceivedView(UUID invitationId, Sender from, String note, String relationship, String context,
                               long mutualConnections, Instant sentAt, IntroducedBy introducedBy) {
        public record Sender(UUID memberId, String firstName, String lastName, String headline) {
        }

        public record IntroducedBy(UUID introductionId, UUID memberId, String firstName, String lastName, String note) {
        }
    }

    @GET
    @Path("received")
    @Operation(summary = "Pending invitations I received, newest first",
            description = "With the sender's name and headline (a sender who is not your connection and shows only their "
                    + "name initial: first name, last initial, no headline), the note, how you know each other and your "
                    + "mutual connections. page 0-1000000, size 1-100: otherwise 400.")
    public Page<ReceivedView> received(@QueryParam("page") String page, @QueryParam("size") String size) {
        UUID me = current.id();
        int p = Paging.page(page);
        int s = Paging.size(size);
        return QuarkusTransaction.requiringNew().call(() -> new Page<>(queries.received(me, p, s).stream()
                .map(r -> new ReceivedView(r.invitationId(), sender(r), r.note(), r.relationship(), r.context(),
                        r.mutualConnections(), r.sentAt(), introducedBy(me, r.introduction())))
                .toList(), p, s, queries.receivedCount(me)));
    }

    /** The sender as the recipient may see them (NameVisibility: degree 1 if connected, else 3). */
    private static ReceivedView.Sender sender(InvitationQueries.ReceivedRow r) {
        NameVisibility.Shown n = NameVisibility.show(r.firstName(), r.lastName(), r.profileVisibility(),
                NameVisibility.firstDegreeOnly(false, r.senderIsConnection()));
        return new ReceivedView.Sender(r.fromMemberId(), n.firstName(), n.lastName(), n.restricted() ? null : r.headline());
    }

    private ReceivedView.IntroducedBy introducedBy(UUID me, InvitationQueries.Introduction i) {
        if (i == null) {
            return null;
        }
        NameVisibility.Shown n = NameVisibility.show(i.firstName(), i.lastName(), i.profileVisibility(),
                invitations.degree(me, i.introducerId()));
        return new ReceivedView.IntroducedBy(i.introductionId(), i.introducerId(), n.firstName(), n.lastName(), i.note());
    }

    @GET
    @Path("sent")
    @Transactional
    @Operation(summary = "Invitations I sent, newest first", description = "status: pending (default) or all. Ignored and "
            + "\"I don't know\" invitations show as pending, without answeredAt, until withdrawn or expired. "
            + "page 0-1000000, size 1-100: otherwise 400.")
    public Page<InvitationView> sent(@QueryParam("status") String status, @QueryParam("page") String page,
                                     @QueryParam("size") String size) {
        UUID me = current.id();
        PanacheQuery<InvitationEntity> q;
        if (status == null || status.isBlank() || status.equalsIgnoreCase("pending")) {
            q = InvitationEntity.find("fromMember = ?1 and status in ('PENDING', 'IGNORED', 'DECLINED_AS_UNKNOWN')",
                    Sort.descending("sentAt").and("invitationId"), me);
        } else if (status.equalsIgnoreCase("all")) {
            q = InvitationEntity.find("fromMember = ?1", Sort.descending("sentAt").and("invitationId"), me);
        } else {
            throw DomainException.invalid("status", "must be pending or all");
        }
        int p = Paging.page(page);
        int s = Paging.size(size);
        var items = Paging.range(q, p, s).list().stream().map(e -> InvitationView.of(e, me)).toList();
        return new Page<>(items, p, s, q.count());
    }

    @GET
    @Path("standing")
    @Operation(summary = "My invitation standing", description = "Weekly quota (it adapts to how many of your invitations "
            + "sent 14 to 90 days ago were accepted), used, remaining, when it frees up, the acceptance rate, and the "
            + "reasons. Ignored and \"I don't know\" invitations count like unanswered ones.")
    public Standing standing() {
        return invitations.standing(current.id());
    }
}
