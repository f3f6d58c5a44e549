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

/**
 * Following without connecting; followers / following lists (paged, the owner's only) and counts. Connecting makes
 * both members follow each other, so the lists would show a member's connections: only the member sees them (403
 * {@code not-yourself} for anybody else, 404 {@code member-not-found} for an unknown member). The follower count is
 * public (as on LinkedIn); whom and how many a member follows is the member's own.
 */
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

    /**
     * Whether I follow the member, and the member's follower count. {@code followingCount} (how many the member
     * follows) is always null here: it is the member's own (their profile shows it to them).
     */
    public record FollowState(UUID memberId, boolean following, long followerCount, Long followingCount) {
    }

    private FollowState state(UUID me, UUID member) {
        return QuarkusTransaction.requiringNew().call(() -> new FollowState(member, queries.following(me, member),
                queries.followerCount(member), null));
    }

    @PUT
    @Path("follows/{memberId}")
    @Operation(summary = "Follow a member", description = "Publishes MemberFollowed; following again changes nothing. "
            + "404 member-not-found for an unknown member, 422 cannot-follow-yourself; 403 not-possible when the "
            + "member blocked me, 403 member-blocked when I blocked them.")
    public FollowState follow(@PathParam("memberId") UUID memberId) {
        UUID me = current.id();
        follows.follow(me, memberId);
        return state(me, memberId);
    }

    @DELETE
    @Path("follows/{memberId}")
    @Operation(summary = "Unfollow a member", description = "Publishes MemberUnfollowed; a connection stays. "
            + "Unfollowing a member I do not follow changes nothing; 404 member-not-found for an unknown member.")
    public FollowState unfollow(@PathParam("memberId") UUID memberId) {
        UUID me = current.id();
        QuarkusTransaction.requiringNew().run(() -> exists(memberId));
        follows.unfollow(me, memberId);
        return state(me, memberId);
    }

    @GET
    @Path("members/{memberId}/followers")
    @Operation(summary = "My followers, newest first", description = "Only for myself: 403 not-yourself for another "
            + "member (connections follow each other, so the list would show their connections), 404 "
            + "member-not-found for an unknown member.")
    public Page<Views.MemberCard> followers(@PathParam("memberId") UUID memberId, @QueryParam("page") String page,
                                            @QueryParam("size") String size) {
        int p = Paging.page(page);
        int s = Paging.size(size);
        return QuarkusTransaction.requiringNew().call(() -> {
            UUID me = owner(memberId);
            return new Page<>(queries.followers(memberId, me, p, s).stream().map(Views.MemberCard::of).toList(), p, s,
                    queries.followerCount(memberId));
        });
    }

    @GET
    @Path("members/{memberId}/following")
    @Operation(summary = "Whom I follow, newest first", description = "Only for myself: 403 not-yourself for another "
            + "member, 404 member-not-found for an unknown member.")
    public Page<Views.MemberCard> following(@PathParam("memberId") UUID memberId, @QueryParam("page") String page,
                                            @QueryParam("size") String size) {
        int p = Paging.page(page);
        int s = Paging.size(size);
        return QuarkusTransaction.requiringNew().call(() -> {
            UUID me = owner(memberId);
            return new Page<>(queries.following(memberId, me, p, s).stream().map(Views.MemberCard::of).toList(), p, s,
                    queries.followingCount(memberId));
        });
    }

    /** 404 for an unknown member, then 403 unless the caller is the member. */
    private UUID owner(UUID memberId) {
        exists(memberId);
        return current.requireSelf(memberId);
    }

    static void exists(UUID memberId) {
        if (ProfileEntity.findById(memberId) == null) {
            throw DomainException.notFound("member-not-found", "no member " + memberId);
        }
    }
}
