package dev.trellis.recommendation.api;

import dev.trellis.platform.api.Page;
import dev.trellis.platform.api.Paging;
import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.security.CurrentMember;
import dev.trellis.recommendation.api.Views.MemberView;
import dev.trellis.recommendation.application.RecommendationService;
import dev.trellis.recommendation.domain.Recommendation;
import dev.trellis.recommendation.domain.RecommendationStatus;
import dev.trellis.recommendation.domain.RequestTemplates;
import dev.trellis.recommendation.domain.Spread360;
import dev.trellis.recommendation.store.MemberDirectory;
import dev.trellis.recommendation.store.RecommendationEntity;
import dev.trellis.recommendation.store.RecommendationQueries;
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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Recommendations")
public class RecommendationResource {
    private final RecommendationService recommendations;
    private final RecommendationQueries queries;
    private final MemberDirectory directory;
    private final CurrentMember current;

    public RecommendationResource(RecommendationService recommendations, RecommendationQueries queries,
                                  MemberDirectory directory, CurrentMember current) {
        this.recommendations = recommendations;
        this.queries = queries;
        this.directory = directory;
        this.current = current;
    }

    /**
     * @param relationship MANAGED_DIRECTLY, SENIOR_TO, REPORTED_TO, WORKED_WITH, WORKED_WITH_OTHER_TEAM, CLIENT_OF,
     *                     PARTNER_OF, STUDIED_WITH, TAUGHT, MENTORED (how you, the author, know them)
     * @param position     the recipient's position the recommendation refers to (optional)
     * @param text         50 to 3,000 characters
     */
    public record WriteRequest(@NotNull UUID recipientId, String relationship, String position, String text) {
    }

    /** A new version, or the text of a requested one; relationship and position default to the earlier ones. */
    public record DraftRequest(String relationship, String position, String text) {
    }

    /**
     * @param message        the personal message (at most 1,000 characters), or
     * @param templateId     a built-in template (GET /recommendations/templates) filled with
     * @param templateValues the placeholders profiles cannot fill: {"skill": "...", "project": "..."}
     * @param relationship   the relationship you would like it to speak to (optional)
     * @param position       your position you would like it to refer to (optional)
     */
    public record AskRequest(@NotNull UUID authorId, String message, String templateId, Map<String, String> templateValues,
                             String relationship, String position) {
    }

    public record RevisionRequest(String message) {
    }

    public record VersionView(int version, String relationship, String position, String text, Instant writtenAt) {
    }

    /**
     * A recommendation as its author or recipient sees it. {@code writeInReturn} is set on an accept: whether the
     * recipient may now write one back to the author (they are offered to).
     */
    public record RecommendationView(UUID recommendationId, MemberView author, MemberView recipient, String status,
                                     boolean hidden, String relationship, String position, String text, int version,
                                     String requestMessage, String revisionMessage, Instant requestedAt,
                                     Instant writtenAt, Instant acceptedAt, List<VersionView> versions,
                                     Boolean writeInReturn) {
    }

    /** What everybody sees on a member's profile. */
    public record PublicView(UUID recommendationId, MemberView author, String relationship, String position, String text,
                             Instant writtenAt) {
    }

    public record Rendered(String templateId, UUID authorId, String message) {
    }

    private RecommendationView view(RecommendationEntity e, Map<UUID, MemberDirectory.Name> names, UUID viewer,
                                    boolean withVersions, Boolean writeInReturn) {
        boolean involved = viewer.equals(e.authorId) || viewer.equals(e.recipientId);
        List<VersionView> versions = withVersions && involved ? queries.versions(e.recommendationId).stream()
                .map(v -> new VersionView(v.version(), v.relationship(), v.position(), v.text(), v.writtenAt())).toList() : null;
        return new RecommendationView(e.recommendationId, MemberView.of(names.get(e.authorId)),
                MemberView.of(names.get(e.recipientId)), Views.lower(e.status), e.hidden, e.relationship, e.position,
                e.text, e.version, involved ? e.requestMessage : null, involved ? e.revisionMessage : null,
                e.requestedAt, e.writtenAt, e.acceptedAt, versions, writeInReturn);
    }

    private RecommendationView view(RecommendationEntity e, UUID viewer, boolean withVersions, Boolean writeInReturn) {
        return QuarkusTransaction.requiringNew().call(() ->
                view(e, directory.namesFor(viewer, Set.of(e.authorId, e.recipientId)), viewer, withVersions, writeInReturn));
    }

    private List<RecommendationView> views(List<RecommendationEntity> list, UUID viewer) {
        Set<UUID> ids = new HashSet<>();
        list.forEach(e -> {
            ids.add(e.authorId);
            ids.add(e.recipientId);
        });
        Map<UUID, MemberDirectory.Name> names = directory.namesFor(viewer, ids);
        return list.stream().map(e -> view(e, names, viewer, false, null)).toList();
    }

    // ---- asking

    @GET
    @Path("recommendations/templates")
    @Operation(summary = "The built-in request templates and their placeholders",
            description = "{firstName} (the member asked) and {myName} come from profiles; {skill} and {project} from you.")
    public List<RequestTemplates.RequestTemplate> templates() {
        current.id();
        return RequestTemplates.all();
    }

    @POST
    @Path("recommendations/templates/{id}/render")
    @Operation(summary = "Fill a request template for the member you will ask, for you to edit",
            description = "Body: {\"skill\": \"...\", \"project\": \"...\"}. 400 naming every unfilled placeholder; "
                    + "404 template-not-found; 404 member-not-found.")
    public Rendered render(@PathParam("id") String id, @QueryParam("to") String toParam, Map<String, String> values) {
        if (toParam == null || toParam.isBlank()) {
            throw DomainException.invalid("to", "the member you will ask is required");
        }
        UUID to;
        try {
            to = UUID.fromString(toParam.strip());
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("to", "must be a member id (uuid)");
        }
        return new Rendered(id, to, recommendations.render(current.id(), id, to, values));
    }

    @POST
    @Path("recommendations/requests")
    @Operation(summary = "Ask a 1st-degree connection for a recommendation",
            description = "201 + RecommendationRequested. A message or a template. Refusals (reason): cannot-ask-yourself 422, "
                    + "member-not-found 404, not-possible 403 (not, or no longer, a 1st-degree connection, for any cause), message-required 422, message-too-long 422, unknown-relationship 422, "
                    + "recommendation-already-open 409 (they already have one for you requested, in progress or accepted), "
                    + "template-not-found 404, validation-failed 400 (unfilled placeholders).")
    public Response ask(@Valid @NotNull AskRequest req) {
        UUID me = current.id();
        RecommendationEntity e = recommendations.request(me, new RecommendationService.RequestCommand(req.authorId(),
                req.message(), req.templateId(), req.templateValues(), req.relationship(), req.position()));
        return Response.created(URI.create("/recommendations/" + e.recommendationId)).entity(view(e, me, false, null)).build();
    }

    @GET
    @Path("recommendations/spread")
    @Operation(summary = "My 360-degree spread",
            description = "Which kinds (MANAGER, CO_WORKER, REPORT, PARTNER, CLIENT; OTHER for school and mentoring) my "
                    + "accepted recommendations come from, which of the five are missing, and whom to ask next.")
    public Spread360.Result spread() {
        return recommendations.spread(current.id());
    }

    // ---- writing

    @POST
    @Path("recommendations")
    @Operation(summary = "Write a recommendation for a 1st-degree connection",
            description = "201 + RecommendationWritten (version 1). If they asked you for one, that request is fulfilled. "
                    + "Not public until the recipient accepts. Refusals: cannot-recommend-yourself 422, member-not-found 404, "
                    + "not-possible 403 (not, or no longer, a 1st-degree connection, for any cause), "
                    + "relationship-required / unknown-relationship 422, text-required / text-too-short (50) / "
                    + "text-too-long (3,000) 422, position-too-long 422, recommendation-already-open 409.")
    public Response write(@Valid @NotNull WriteRequest req) {
        UUID me = current.id();
        RecommendationEntity e = recommendations.write(me, req.recipientId(),
                new Recommendation.Draft(req.relationship(), req.position(), req.text()));
        return Response.created(URI.create("/recommendations/" + e.recommendationId)).entity(view(e, me, false, null)).build();
    }

    @POST
    @Path("recommendations/{id}/write")
    @Operation(summary = "Write a requested recommendation, or a new version after a revision request (author)",
            description = "RecommendationWritten with the next version; earlier versions are kept. 403 not-the-author / "
                    + "not-possible (no longer connected); 409 recommendation-not-writable.")
    public RecommendationView writeOn(@PathParam("id") UUID id, @Valid @NotNull DraftRequest req) {
        UUID me = current.id();
        return view(recommendations.writeOn(id, me, new Recommendation.Draft(req.relationship(), req.position(), req.text())),
                me, true, null);
    }

    // ---- the recipient decides

    @POST
    @Path("recommendations/{id}/accept")
    @Operation(summary = "Accept (recipient): shown on your profile",
            description = "RecommendationAccepted; writeInReturn says whether you can now write one back. "
                    + "403 not-the-recipient; 409 recommendation-not-pending.")
    public RecommendationView accept(@PathParam("id") UUID id) {
        UUID me = current.id();
        RecommendationEntity e = recommendations.accept(id, me);
        return view(e, me, true, recommendations.canWriteInReturn(e));
    }

    @POST
    @Path("recommendations/{id}/reject")
    @Operation(summary = "Reject (recipient): never shown", description = "RecommendationRejected. 403 / 409 as for accept.")
    public RecommendationView reject(@PathParam("id") UUID id) {
        UUID me = current.id();
        return view(recommendations.reject(id, me), me, true, null);
    }

    @POST
    @Path("recommendations/{id}/request-revision")
    @Operation(summary = "Ask the author for a revision (recipient)",
            description = "RecommendationRevisionRequested; the author may write a new version. 403 / 409 as for accept.")
    public RecommendationView requestRevision(@PathParam("id") UUID id, RevisionRequest req) {
        UUID me = current.id();
        return view(recommendations.requestRevision(id, me, req == null ? null : req.message()), me, true, null);
    }

    @POST
    @Path("recommendations/{id}/hide")
    @Operation(summary = "Hide an accepted recommendation from your profile (recipient)",
            description = "RecommendationHidden. 409 recommendation-not-accepted / already-hidden.")
    public RecommendationView hide(@PathParam("id") UUID id) {
        UUID me = current.id();
        return view(recommendations.hide(id, me), me, false, null);
    }

    @POST
    @Path("recommendations/{id}/show")
    @Operation(summary = "Show a hidden recommendation again (recipient)",
            description = "RecommendationShown. 409 recommendation-not-accepted / already-shown.")
    public RecommendationView show(@PathParam("id") UUID id) {
        UUID me = current.id();
        return view(recommendations.show(id, me), me, false, null);
    }

    @POST
    @Path("recommendations/{id}/withdraw")
    @Operation(summary = "Withdraw (author): also how a request is declined",
            description = "RecommendationWithdrawn (AUTHOR); gone from every view. 403 not-the-author; 409 recommendation-closed.")
    public Response withdraw(@PathParam("id") UUID id) {
        recommendations.withdraw(id, current.id());
        return Response.noContent().build();
    }

    // ---- reading

    @GET
    @Path("recommendations/{id}")
    @Operation(summary = "One recommendation",
            description = "Its author and recipient see it in every state but withdrawn, with the versions; everybody "
                    + "else only once accepted and shown. Otherwise 404.")
    public RecommendationView get(@PathParam("id") UUID id) {
        UUID me = current.id();
        return view(recommendations.find(id, me), me, true, null);
    }

    @GET
    @Path("recommendations/received")
    @Transactional
    @Operation(summary = "Recommendations I received or asked for, newest first (owner view)",
            description = "Every state but withdrawn, hidden ones included. status filters: requested, written, "
                    + "revision_requested, accepted, rejected.")
    public Page<RecommendationView> received(@QueryParam("status") String status, @QueryParam("page") String page,
                                             @QueryParam("size") String size) {
        return list("recipientId", current.id(), status, page, size);
    }

    @GET
    @Path("recommendations/given")
    @Transactional
    @Operation(summary = "Recommendations I wrote or was asked for, newest first (author view)",
            description = "Every state but withdrawn; status filters as for received.")
    public Page<RecommendationView> given(@QueryParam("status") String status, @QueryParam("page") String page,
                                          @QueryParam("size") String size) {
        return list("authorId", current.id(), status, page, size);
    }

    private Page<RecommendationView> list(String side, UUID me, String status, String page, String size) {
        int p = Paging.page(page);
        int s = Paging.size(size);
        Sort sort = Sort.descending("updatedAt").and("recommendationId");
        PanacheQuery<RecommendationEntity> q;
        if (status == null || status.isBlank()) {
            q = RecommendationEntity.find(side + " = ?1 and status <> 'WITHDRAWN'", sort, me);
        } else {
            RecommendationStatus st;
            try {
                st = RecommendationStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                st = null;
            }
            if (st == null || st == RecommendationStatus.WITHDRAWN) {
                throw DomainException.invalid("status", "must be requested, written, revision_requested, accepted or rejected");
            }
            q = RecommendationEntity.find(side + " = ?1 and status = ?2", sort, me, st.name());
        }
        return new Page<>(views(Paging.range(q, p, s).list(), me), p, s, q.count());
    }

    @GET
    @Path("members/{memberId}/recommendations")
    @Transactional
    @Operation(summary = "A member's recommendations as everybody sees them",
            description = "Accepted and shown only, newest first, with the author's name and the relationship (an author "
                    + "who shows only their name initial and is not your connection: first name, last initial, no "
                    + "headline). 404 member-not-found for a member unknown here.")
    public Page<PublicView> publicView(@PathParam("memberId") UUID memberId, @QueryParam("page") String page,
                                       @QueryParam("size") String size) {
        UUID me = current.id();
        int p = Paging.page(page);
        int s = Paging.size(size);
        directory.requireMember(memberId);
        PanacheQuery<RecommendationEntity> q = RecommendationEntity.find(
                "recipientId = ?1 and status = 'ACCEPTED' and hidden = false",
                Sort.descending("writtenAt").and("recommendationId"), memberId);
        List<RecommendationEntity> list = Paging.range(q, p, s).list();
        Map<UUID, MemberDirectory.Name> names = directory.namesFor(me, list.stream().map(e -> e.authorId).toList());
        return new Page<>(list.stream().map(e -> new PublicView(e.recommendationId, MemberView.of(names.get(e.authorId)),
                e.relationship, e.position, e.text, e.writtenAt)).toList(), p, s, q.count());
    }
}
