package dev.trellis.connection.api;

import dev.trellis.connection.application.ProjectionRebuild;
import dev.trellis.platform.security.AdminAccess;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operator commands; they take the deployment's admin token, not a member's. */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin")
public class AdminResource {
    private final AdminAccess admin;
    private final ProjectionRebuild rebuild;

    public AdminResource(AdminAccess admin, ProjectionRebuild rebuild) {
        this.admin = admin;
        this.rebuild = rebuild;
    }

    @POST
    @Path("projection/rebuild")
    @Operation(summary = "Rebuild the graph projection from the Kafka topics, from the beginning",
            description = "Replays the profile, invitation and connection topics into fresh tables, compares them "
                    + "(and the in-memory index) with the live state table by table, and with swap=true puts the "
                    + "rebuilt rows in place and rebuilds the index from them. Members' tags, VIP pins and dismissals "
                    + "are kept. Requires the " + AdminAccess.HEADER + " header.")
    public ProjectionRebuild.Report rebuild(@HeaderParam(AdminAccess.HEADER) String token,
                                            @QueryParam("swap") boolean swap) {
        admin.require(token);
        return rebuild.rebuild(swap);
    }
}
