package dev.trellis.profile.api;

import dev.trellis.platform.api.Page;
import dev.trellis.platform.api.Paging;
import dev.trellis.platform.security.CurrentMember;
import dev.trellis.profile.application.GroupService;
import dev.trellis.profile.store.GroupEntity;
import dev.trellis.profile.store.ProfileQueries;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
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
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Groups: create, find, join, leave; members (paged); my groups. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Groups")
public class GroupResource {
    private final GroupService groups;
    private final ProfileQueries queries;
    private final CurrentMember current;

    public GroupResource(GroupService groups, ProfileQueries queries, CurrentMember current) {
        this.groups = groups;
        this.queries = queries;
        this.current = current;
    }

    public record CreateGroup(@NotNull String name, String description) {
    }

    private Views.GroupView view(GroupEntity g, UUID me) {
        return QuarkusTransaction.requiringNew().call(() -> Views.GroupView.of(g, me, queries));
    }

    @POST
    @Path("groups")
    @Operation(summary = "Create a group", description = "I become its owner and first member (GroupCreated, GroupJoined).")
    public Response create(@jakarta.validation.Valid @NotNull CreateGroup req) {
        UUID me = current.id();
        GroupEntity g = groups.create(me, req.name(), req.description());
        return Response.created(URI.create("/groups/" + g.groupId)).entity(view(g, me)).build();
    }

    @GET
    @Path("groups")
    @Operation(summary = "Find groups by name", description = "Largest first.")
    public Page<Views.GroupView> list(@QueryParam("q") String q, @QueryParam("page") String page,
                                      @QueryParam("size") String size) {
        UUID me = current.id();
        int p = Paging.page(page);
        int s = Paging.size(size);
        String like = "%" + (q == null ? "" : dev.trellis.profile.domain.Text.line("q", q).strip().toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")) + "%";
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = GroupEntity.find("lower(name) like ?1", Sort.descending("memberCount").and("name").and("groupId"), like);
            List<GroupEntity> items = Paging.range(query, p, s).list();
            return new Page<>(items.stream().map(g -> Views.GroupView.of(g, me, queries)).toList(),
                    p, s, query.count());
        });
    }

    @GET
    @Path("groups/{groupId}")
    @Operation(summary = "A group")
    public Views.GroupView group(@PathParam("groupId") UUID groupId) {
        return view(groups.find(groupId), current.id());
    }

    @POST
    @Path("groups/{groupId}/members")
    @Operation(summary = "Join a group", description = "Publishes GroupJoined; joining again changes nothing.")
    public Views.GroupView join(@PathParam("groupId") UUID groupId) {
        UUID me = current.id();
        return view(groups.join(groupId, me), me);
    }

    @DELETE
    @Path("groups/{groupId}/members/me")
    @Operation(summary = "Leave a group", description = "Publishes GroupLeft; the owner cannot leave (422 owner-cannot-leave).")
    public Views.GroupView leave(@PathParam("groupId") UUID groupId) {
        UUID me = current.id();
        return view(groups.leave(groupId, me), me);
    }

    @GET
    @Path("groups/{groupId}/members")
    @Operation(summary = "A group's members, earliest first", description = "Members a block stands between them "
            + "and me (either way) are left out, and out of the total; 404 group-not-found for an unknown group.")
    public Page<Views.MemberCard> members(@PathParam("groupId") UUID groupId, @QueryParam("page") String page,
                                          @QueryParam("size") String size) {
        UUID me = current.id();
        int p = Paging.page(page);
        int s = Paging.size(size);
        groups.find(groupId);
        return QuarkusTransaction.requiringNew().call(() -> new Page<>(
                queries.groupMembers(groupId, me, p, s).stream().map(Views.MemberCard::of).toList(), p, s,
                queries.visibleGroupMemberCount(groupId, me)));
    }

    @GET
    @Path("members/me/groups")
    @Operation(summary = "My groups, most recently joined first")
    public Page<Views.GroupView> mine(@QueryParam("page") String page, @QueryParam("size") String size) {
        UUID me = current.id();
        int p = Paging.page(page);
        int s = Paging.size(size);
        return QuarkusTransaction.requiringNew().call(() -> new Page<>(
                queries.groupsOf(me, p, s).stream().map(id -> Views.GroupView.of(GroupEntity.findById(id), me, queries))
                        .toList(),
                p, s, queries.groupCount(me)));
    }
}
