package dev.trellis.profile.api;

import dev.trellis.platform.api.Page;
import dev.trellis.platform.api.Paging;
import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.security.CurrentMember;
import dev.trellis.profile.application.FollowService;
import dev.trellis.profile.store.ProfileEntity;
import dev.trellis.profile.store.ProfileQueries;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** Following without connecting; followers / following lists (paged) and counts. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Follows")
public class FollowResource {
    private final FollowService follows;
    private final ProfileQueries queries;
    private final CurrentMember current;

    public FollowResource(FollowService follows, ProfileQueries queries, CurrentMember current) {
        this.follows = follows;
        this.queries = queries;
        this.current = current;
    }

    /** Whether I follow the member, and the member's counts. */
    public record FollowState(UUID memberId, boolean following, long followerCount, long followingCount) {
    }

    private FollowState state(UUID me, UUID member) {
        return QuarkusTransaction.requiringNew().call(() -> new FollowState(member, queries.following(me, member),
                queries.followerCount(member), queries.followingCount(member)));
    }

    @PUT
    @Path("follows/{memberId}")
    @Operation(summary = "Follow a member", description = "Publishes MemberFollowed; following again changes nothing.")
    public FollowState follow(@PathParam("memberId") UUID memberId) {
        UUID me = current.id();
        follows.follow(me, memberId);
        return state(me, memberId);
    }

    @DELETE
    @Path("follows/{memberId}")
    @Operation(summary = "Unfollow a member", description = "Publishes MemberUnfollowed; a connection stays.")
    public FollowState unfollow(@PathParam("memberId") UUID memberId) {
        UUID me = current.id();
        follows.unfollow(me, memberId);
        return state(me, memberId);
    }

    @GET
    @Path("members/{memberId}/followers")
    @Operation(summary = "A member's followers, newest first")
    public Page<Views.MemberCard> followers(@PathParam("memberId") UUID memberId, @QueryParam("page") String page,
                                            @QueryParam("size") String size) {
        UUID me = current.id();
        int p = Paging.page(page);
        int s = Paging.size(size);
        return QuarkusTransaction.requiringNew().call(() -> {
            exists(memberId);
            return new Page<>(queries.followers(memberId, me, p, s).stream().map(Views.MemberCard::of).toList(), p, s,
                    queries.followerCount(memberId));
        });
    }

    @GET
    @Path("members/{memberId}/following")
    @Operation(summary = "Whom a member follows, newest first")
    public Page<Views.MemberCard> following(@PathParam("memberId") UUID memberId, @QueryParam("page") String page,
                                            @QueryParam("size") String size) {
        UUID me = current.id();
        int p = Paging.page(page);
        int s = Paging.size(size);
        return QuarkusTransaction.requiringNew().call(() -> {
            exists(memberId);
            return new Page<>(queries.following(memberId, me, p, s).stream().map(Views.MemberCard::of).toList(), p, s,
                    queries.followingCount(memberId));
        });
    }

    static void exists(UUID memberId) {
        if (ProfileEntity.findById(memberId) == null) {
            throw DomainException.notFound("member-not-found", "no member " + memberId);
        }
    }
}
