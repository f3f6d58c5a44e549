package dev.trellis.connection.api;

import dev.trellis.connection.store.ExportRepository;
import dev.trellis.platform.export.CsvWriter;
import dev.trellis.platform.security.CurrentMember;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The caller's connections as a CSV file, LinkedIn's columns plus the caller's own tags and VIP pins. Streamed:
 * rows go from a database cursor ({@link ExportRepository}) through the CSV writer to the response as they come.
 */
@Path("/connections/export")
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Connections")
public class ExportResource {
    public static final String CSV = "text/csv; charset=utf-8";
    public static final List<String> COLUMNS = List.of("First Name", "Last Name", "URL", "Email Address", "Company",
            "Position", "Connected On", "Tags", "VIP");
    /** LinkedIn's format of "Connected On" (e.g. 02 Dec 2026), in UTC. */
    public static final DateTimeFormatter CONNECTED_ON =
            DateTimeFormatter.ofPattern("dd MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final ExportRepository export;
    private final CurrentMember current;

    public ExportResource(ExportRepository export, CurrentMember current) {
        this.export = export;
        this.current = current;
    }

    /** The URL of a member's profile in the CSV: profile-service's public view of the member. */
    static String profileUrl(UUID member) {
        return "/profiles/" + member;
    }

    @GET
    @Produces(CSV)
    @Operation(summary = "Export my connections (CSV)", description = "One row per 1st-degree connection of the "
            + "caller, most recent first, with the header First Name,Last Name,URL,Email Address,Company,Position,"
            + "Connected On,Tags,VIP (RFC 4180, UTF-8, CRLF). URL: /profiles/{memberId} (profile-service); Email "
            + "Address: always empty (Trellis has no setting by which a member shares their e-mail with their "
            + "connections); Company and Position: the connection's current position; Connected On: dd MMM yyyy "
            + "(UTC, English month), as LinkedIn writes it; Tags: the caller's tags on the connection joined by "
            + "\"; \"; VIP: true or false. A text field starting with = + - @ is prefixed with ' (spreadsheet formula "
            + "injection). Streamed from a database cursor.")
    public Response export() {
        UUID me = current.id();
        StreamingOutput body = out -> {
            CsvWriter csv = CsvWriter.utf8(out);
            csv.row(COLUMNS.stream().map(CsvWriter::raw).toArray());
            export.snapshot(c -> export.connections(c, me, r -> csv.row(r.firstName(), r.lastName(),
                    CsvWriter.raw(profileUrl(r.memberId())), null, r.company(), r.title(),
                    CsvWriter.raw(CONNECTED_ON.format(r.connectedAt())), r.tags(), r.vipRank() != null)));
            csv.flush();
        };
        return Response.ok(body, CSV)
                .header("Content-Disposition", "attachment; filename=\"Connections.csv\"")
                .header("Cache-Control", "no-store")
                .build();
    }
}
