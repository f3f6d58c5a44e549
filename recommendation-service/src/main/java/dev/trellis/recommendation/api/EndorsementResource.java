package dev.trellis.recommendation.api;

import dev.trellis.platform.api.Page;
import dev.trellis.platform.api.Paging;
import dev.trellis.platform.security.CurrentMember;
import dev.trellis.recommendation.api.Views.MemberView;
import dev.trellis.recommendation.application.EndorsementService;
import dev.trellis.recommendation.domain.TextRules;
import dev.trellis.recommendation.store.EndorsementEntity;
import dev.trellis.recommendation.store.MemberDirectory;
import dev.trellis.recommendation.store.RecommendationQueries;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Skill endorsements")
public class EndorsementResource {
    /** How many endorsers a skill shows inline (the viewer's connections first). */
    static final int PREVIEW = 3;
    private final EndorsementService endorsements;
    private final RecommendationQueries queries;
    private final MemberDirectory directory;
    private final CurrentMember current;

    public EndorsementResource(EndorsementService endorsements, RecommendationQueries queries, MemberDirectory directory,
                               CurrentMember current) {
        this.endorsements = endorsements;
        this.queries = queries;
        this.directory = directory;
        this.current = current;
    }

    public record EndorseRequest(String skill) {
    }

    public record EndorsementView(UUID endorsementId, UUID endorserId, UUID memberId, String skill, String status,
                                  Instant endorsedAt) {
        static EndorsementView of(EndorsementEntity e) {
            return new EndorsementView(e.endorsementId, e.endorserId, e.memberId, e.skill, Views.lower(e.status), e.endorsedAt);
        }
    }

    public record EndorserView(UUID endorsementId, MemberView endorser, boolean yourConnection, Instant endorsedAt) {
    }

    public record SkillView(String skill, long endorsements, boolean endorsedByYou, List<EndorserView> topEndorsers) {
    }

    /** An endorsement in the endorsed member's own list, hidden ones included. */
    public record ReceivedView(UUID endorsementId, MemberView endorser, String skill, String status, Instant endorsedAt) {
    }

    @POST
    @Path("members/{memberId}/endorsements")
    @Operation(summary = "Endorse a skill a 1st-degree connection lists on their profile",
            description = "201 + SkillEndorsed. Refusals: cannot-endorse-yourself 422, member-not-found 404, not-possible 403 "
                    + "(not, or no longer, a 1st-degree connection, for any cause), "
                    + "skill-not-listed 422, already-endorsed 409 (one per skill per endorser), 400 without a skill.")
    public Response endorse(@PathParam("memberId") UUID memberId, @Valid @NotNull EndorseRequest req) {
        EndorsementEntity e = endorsements.endorse(current.id(), memberId, req.skill());
        return Response.created(URI.create("/endorsements/" + e.endorsementId)).entity(EndorsementView.of(e)).build();
    }

    @GET
    @Path("endorsements/{id}")
    @Operation(operationId = "getEndorsement", summary = "One endorsement", description = "A hidden one only to its endorser and the endorsed member; withdrawn: 404.")
    public EndorsementView get(@PathParam("id") UUID id) {
        return EndorsementView.of(endorsements.find(id, current.id()));
    }

    @POST
    @Path("endorsements/{id}/hide")
    @Operation(operationId = "hideEndorsement", summary = "Hide an endorsement of your skill (the endorsed member)",
            description = "EndorsementHidden: it no longer counts nor shows. 403 not-the-member; 409 endorsement-not-active.")
    public EndorsementView hide(@PathParam("id") UUID id) {
        return EndorsementView.of(endorsements.hide(id, current.id()));
    }

    @POST
    @Path("endorsements/{id}/withdraw")
    @Operation(operationId = "withdrawEndorsement", summary = "Take back your endorsement (the endorser)", description = "EndorsementWithdrawn (ENDORSER). 403 not-the-endorser.")
    public Response withdraw(@PathParam("id") UUID id) {
        endorsements.withdraw(id, current.id());
        return Response.noContent().build();
    }

    @GET
    @Path("members/{memberId}/skills")
    @Transactional
    @Operation(summary = "A member's skills with their endorsement counts, the most endorsed first",
            description = "Hidden and withdrawn endorsements do not count. Each skill shows up to 3 endorsers, "
                    + "your own connections first. Names follow NameVisibility. 404 member-not-found.")
    public Page<SkillView> skills(@PathParam("memberId") UUID memberId, @QueryParam("page") String page,
                                  @QueryParam("size") String size) {
        UUID me = current.id();
        int p = Paging.page(page);
        int s = Paging.size(size);
        directory.requireMember(memberId);
        List<SkillView> items = queries.skills(memberId, me, p, s).stream().map(row -> new SkillView(row.skill(),
                row.endorsements(), row.endorsedByViewer(), endorsers(memberId, row.skill(), me, 0, PREVIEW))).toList();
        return new Page<>(items, p, s, queries.skillCount(memberId));
    }

    @GET
    @Path("members/{memberId}/skills/{skill}/endorsers")
    @Transactional
    @Operation(summary = "Who endorsed one skill: your connections first, then the newest",
            description = "Names follow NameVisibility. 404 member-not-found.")
    public Page<EndorserView> endorsers(@PathParam("memberId") UUID memberId, @PathParam("skill") String skill,
                                        @QueryParam("page") String page, @QueryParam("size") String size) {
        UUID me = current.id();
        int p = Paging.page(page);
        int s = Paging.size(size);
        TextRules.storable("skill", skill);
        directory.requireMember(memberId);
        return new Page<>(endorsers(memberId, skill, me, p, s), p, s, queries.endorserCount(memberId, skill));
    }

    private List<EndorserView> endorsers(UUID member, String skill, UUID viewer, int page, int size) {
        List<RecommendationQueries.EndorserRow> rows = queries.endorsers(member, skill, viewer, page, size);
        Map<UUID, MemberDirectory.Name> names = directory.namesFor(viewer,
                rows.stream().map(RecommendationQueries.EndorserRow::endorserId).toList());
        return rows.stream().map(r -> new EndorserView(r.endorsementId(), MemberView.of(names.get(r.endorserId())),
                r.viewersConnection(), r.endorsedAt())).toList();
    }

    @GET
    @Path("endorsements/received")
    @Transactional
    @Operation(operationId = "receivedEndorsements", summary = "Endorsements of my skills, newest first (hidden ones included)")
    public Page<ReceivedView> received(@QueryParam("page") String page, @QueryParam("size") String size) {
        UUID me = current.id();
        int p = Paging.page(page);
        int s = Paging.size(size);
        PanacheQuery<EndorsementEntity> q = EndorsementEntity.find("memberId = ?1 and status in ('ACTIVE', 'HIDDEN')",
                Sort.descending("endorsedAt").and("endorsementId"), me);
        List<EndorsementEntity> list = Paging.range(q, p, s).list();
        Map<UUID, MemberDirectory.Name> names = directory.namesFor(me, list.stream().map(e -> e.endorserId).toList());
        return new Page<>(list.stream().map(e -> new ReceivedView(e.endorsementId, MemberView.of(names.get(e.endorserId)),
                e.skill, Views.lower(e.status), e.endorsedAt)).toList(), p, s, q.count());
    }
}
