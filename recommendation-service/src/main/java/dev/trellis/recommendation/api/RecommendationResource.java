package dev.trellis.recommendation.api;

import dev.trellis.platform.api.Page;
import dev.trellis.platform.api.Paging;
import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.security.CurrentMember;
import dev.trellis.recommendation.application.RecommendationService;
import dev.trellis.recommendation.store.RecommendationEntity;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Recommendations")
public class RecommendationResource {
    private final RecommendationService recommendations;
    private final CurrentMember current;

    public RecommendationResource(RecommendationService recommendations, CurrentMember current) {
        this.recommendations = recommendations;
        this.current = current;
    }

    /** relationship: manager, report, colleague, client, partner, classmate, teacher, mentor, other. */
    public record WriteRequest(@NotNull UUID recipientId, @NotBlank String relationship, @NotBlank String text) {
    }

    public record RecommendationView(UUID recommendationId, UUID authorId, UUID recipientId, String relationship,
                                     String text, Instant writtenAt) {
        static RecommendationView of(RecommendationEntity e) {
            return new RecommendationView(e.recommendationId, e.authorId, e.recipientId, e.relationship, e.text, e.writtenAt);
        }
    }

    @POST
    @Path("recommendations")
    @Operation(summary = "Write a recommendation for a 1st-degree connection",
            description = "Publishes RecommendationWritten. 403 not-a-connection for anyone else.")
    public Response write(@Valid @NotNull WriteRequest req) {
        RecommendationEntity e = recommendations.write(current.id(), req.recipientId(), req.relationship(), req.text());
        return Response.created(URI.create("/recommendations/" + e.recommendationId)).entity(RecommendationView.of(e)).build();
    }

    @GET
    @Path("recommendations/{id}")
    @Transactional
    @Operation(summary = "One recommendation")
    public RecommendationView get(@PathParam("id") UUID id) {
        current.id();
        RecommendationEntity e = RecommendationEntity.findById(id);
        if (e == null) {
            throw DomainException.notFound("recommendation-not-found", "no recommendation " + id);
        }
        return RecommendationView.of(e);
    }

    @GET
    @Path("members/{memberId}/recommendations")
    @Transactional
    @Operation(summary = "Recommendations a member received, newest first")
    public Page<RecommendationView> received(@PathParam("memberId") UUID memberId, @QueryParam("page") String page,
                                             @QueryParam("size") String size) {
        current.id();
        int p = Paging.page(page);
        int s = Paging.size(size);
        var q = RecommendationEntity.<RecommendationEntity>find("recipientId", Sort.descending("writtenAt"), memberId);
        return new Page<>(q.page(p, s).list().stream().map(RecommendationView::of).toList(), p, s, q.count());
    }
}
