package dev.trellis.profile.api;

import dev.trellis.platform.api.ProblemMappers;
import dev.trellis.platform.security.CurrentMember;
import dev.trellis.profile.application.MemberArchive;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The member's data archive: a zip of one JSON file per service, profile.json from this service's own part, the
 * others fetched from the four services with the caller's token. Either all five parts or a 503: the four
 * services must each answer 200 before the first byte of the zip is sent.
 */
@Path("/members/me/archive")
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Data export")
public class ArchiveResource {
    public static final String ZIP = "application/zip";
    private final CurrentMember current;
    private final ArchivePartResource ownPart;
    private final MemberArchive archive;

    public ArchiveResource(CurrentMember current, ArchivePartResource ownPart, MemberArchive archive) {
        this.current = current;
        this.ownPart = ownPart;
        this.archive = archive;
    }

    @GET
    @Produces({ZIP, "application/problem+json"})
    @Operation(summary = "Download my data archive (zip)", description = "One JSON file per service: profile.json, "
            + "invitations.json, connections.json, recommendations.json, notifications.json, each the service's "
            + "GET /members/me/archive-part fetched with the caller's token. 503 archive-part-unavailable "
            + "(problem+json, Retry-After) when a service does not answer 200 in time: never a partial zip. A "
            + "service failing after the zip began ends the response without the zip's central directory, so a "
            + "cut download is never a valid zip.")
    public Response archive(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context UriInfo uri) {
        UUID me = current.id();
        List<MemberArchive.Part> parts;
        try {
            parts = archive.open(authorization);
        } catch (MemberArchive.Unavailable e) {
            return Response.fromResponse(ProblemMappers.problem(503, "Service Unavailable",
                    "the archive needs every service's part; not available now: " + e.getMessage(),
                    "archive-part-unavailable", uri, null)).header("Retry-After", 30).build();
        }
        StreamingOutput body = out -> {
            // no try-with-resources: a failure must not close the zip, which would write its central directory
            // and make a cut archive look whole
            ZipOutputStream zip = new ZipOutputStream(out);
            try {
                zip.putNextEntry(new ZipEntry("profile.json"));
                ownPart.write(me, zip);
                zip.closeEntry();
                for (MemberArchive.Part p : parts) {
                    zip.putNextEntry(new ZipEntry(p.file()));
                    try (var in = p.body()) {
                        in.transferTo(zip);
                    }
                    zip.closeEntry();
                }
                zip.finish();
                zip.flush();
            } finally {
                MemberArchive.close(parts);
            }
        };
        return Response.ok(body, ZIP)
                .header("Content-Disposition", "attachment; filename=\"trellis-archive.zip\"")
                .header("Cache-Control", "no-store").build();
    }
}
