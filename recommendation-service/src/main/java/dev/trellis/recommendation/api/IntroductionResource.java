package dev.trellis.recommendation.api;

import dev.trellis.platform.api.Page;
import dev.trellis.platform.api.Paging;
import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.security.CurrentMember;
import dev.trellis.recommendation.api.Views.MemberView;
import dev.trellis.recommendation.application.IntroductionService;
import dev.trellis.recommendation.store.IntroductionEntity;
import dev.trellis.recommendation.store.MemberDirectory;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.narayana.jta.QuarkusTransaction;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@Path("/introductions")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Introductions")
public class IntroductionResource {
    private final IntroductionService introductions;
    private final MemberDirectory directory;
    private final CurrentMember current;

    public IntroductionResource(IntroductionService introductions, MemberDirectory directory, CurrentMember current) {
        this.introductions = introductions;
        this.directory = directory;
        this.current = current;
    }

    /** @param note why you would like to be introduced (at most 500 characters); forwarded to the target */
    public record IntroductionRequest(@NotNull UUID introducerId, @NotNull UUID targetId, String note) {
    }

    public record IntroductionView(UUID introductionId, MemberView requester, MemberView introducer, MemberView target,
                                   String note, String status, Instant requestedAt, Instant decidedAt) {
    }

    private IntroductionView view(IntroductionEntity e, Map<UUID, MemberDirectory.Name> names) {
        return new IntroductionView(e.introductionId, MemberView.of(names.get(e.requesterId)),
                MemberView.of(names.get(e.introducerId)), MemberView.of(names.get(e.targetId)), e.note,
                Views.lower(e.status), e.requestedAt, e.decidedAt);
    }

    private IntroductionView view(IntroductionEntity e) {
        UUID viewer = current.id();
        return QuarkusTransaction.requiringNew().call(() ->
                view(e, directory.namesFor(viewer, Set.of(e.requesterId, e.introducerId, e.targetId))));
    }

    @POST
    @Operation(summary = "Ask a mutual connection to introduce you to a 2nd-degree member",
            description = "201 + IntroductionRequested. Refusals: cannot-introduce-yourself / introducer-is-target 422, "
                    + "member-not-found 404, note-required / note-too-long 422, not-possible 403 (the one neutral refusal: "
                    + "the introducer is not your connection, or not the target's, or a block among the three), "
                    + "already-connected 409, "
                    + "introduction-already-requested 409.")
    public Response request(@Valid @NotNull IntroductionRequest req) {
        IntroductionEntity e = introductions.request(current.id(), req.introducerId(), req.targetId(), req.note());
        return Response.created(URI.create("/introductions/" + e.introductionId)).entity(view(e)).build();
    }

    @POST
    @Path("{id}/forward")
    @Operation(summary = "Forward the note to the target (introducer)",
            description = "IntroductionForwarded: an invitation from the requester to the target then shows the "
                    + "introduction. 403 not-the-introducer; 409 introduction-not-pending; the graph rules again.")
    public IntroductionView forward(@PathParam("id") UUID id) {
        return view(introductions.forward(id, current.id()));
    }

    @POST
    @Path("{id}/decline")
    @Operation(summary = "Decline to introduce (introducer)", description = "IntroductionDeclined. 403 not-the-introducer; 409 introduction-not-pending.")
    public IntroductionView decline(@PathParam("id") UUID id) {
        return view(introductions.decline(id, current.id()));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getIntroduction", summary = "One introduction", description = "Its requester and introducer; the target once forwarded. Otherwise 404.")
    public IntroductionView get(@PathParam("id") UUID id) {
        return view(introductions.find(id, current.id()));
    }

    @GET
    @Transactional
    @Operation(summary = "My introductions, newest first",
            description = "role=requester (I asked), introducer (I was asked; status=requested for those to decide) or "
                    + "target (forwarded to me).")
    public Page<IntroductionView> list(@QueryParam("role") String role, @QueryParam("status") String status,
                                       @QueryParam("page") String page, @QueryParam("size") String size) {
        UUID me = current.id();
        int p = Paging.page(page);
        int s = Paging.size(size);
        String column = switch (role == null ? "" : role.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "requester" -> "requesterId";
            case "introducer" -> "introducerId";
            case "target" -> "targetId";
            default -> throw DomainException.invalid("role", "must be requester, introducer or target");
        };
        String where = column + " = ?1";
        if ("targetId".equals(column)) {
            where += " and status = 'FORWARDED'";
        }
        PanacheQuery<IntroductionEntity> q;
        Sort sort = Sort.descending("requestedAt").and("introductionId");
        if (status == null || status.isBlank()) {
            q = IntroductionEntity.find(where, sort, me);
        } else {
            String st = status.strip().toUpperCase(java.util.Locale.ROOT);
            if (!List.of("REQUESTED", "FORWARDED", "DECLINED").contains(st)) {
                throw DomainException.invalid("status", "must be requested, forwarded or declined");
            }
            q = IntroductionEntity.find(where + " and status = ?2", sort, me, st);
        }
        List<IntroductionEntity> list = Paging.range(q, p, s).list();
        Set<UUID> ids = new HashSet<>();
        list.forEach(e -> {
            ids.add(e.requesterId);
            ids.add(e.introducerId);
            ids.add(e.targetId);
        });
        Map<UUID, MemberDirectory.Name> names = directory.namesFor(me, ids);
        return new Page<>(list.stream().map(e -> view(e, names)).toList(), p, s, q.count());
    }
}
