package dev.trellis.platform.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.platform.domain.Clock;
import dev.trellis.platform.security.CurrentMember;
import dev.trellis.platform.store.Cursors;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * What one service holds about the caller, for the member's data archive (issue 18): {@code GET
 * /members/me/archive-part}, the caller's own data only (the member is the bearer token's; there is no member id in
 * the URL). A service subclasses this with {@code @Path("/members/me/archive-part")} and {@code @Authenticated} and
 * passes its name and sections to the constructor: each a name and one SQL query whose every {@code ?} is the member's id. The
 * document is
 * <pre>{"service": "connection", "memberId": "...", "exportedAt": "...", "connections": [{...}, ...], "blocks": [...]}</pre>
 * one key per section, in order: a list of rows, or for {@link Section#one} the one row (or null). A row is an
 * object of its columns, each named by its SQL label in camelCase ({@code first_name} is {@code firstName});
 * a uuid is a string, a timestamp an ISO-8601 instant, a jsonb value embedded as JSON, an array a JSON array.
 * <p>
 * Streamed: all sections are read in one read-only snapshot ({@link Cursors}) through server-side cursors and
 * written row by row with Jackson's {@link JsonGenerator}; no list of all rows is held.
 */
public abstract class ArchivePart {
    /** One key of the document: {@code sql} binds the member's id to each {@code ?}. */
    public record Section(String name, String sql, boolean single) {
        public static Section list(String name, String sql) {
            return new Section(name, sql, false);
        }

        public static Section one(String name, String sql) {
            return new Section(name, sql, true);
        }
    }

    @Inject
    CurrentMember current;
    @Inject
    DataSource dataSource;
    @Inject
    ObjectMapper json;
    @Inject
    Clock clock;

    private final String service;
    private final List<Section> sections;

    /**
     * @param service  the service's name in the document ({@code profile}, {@code invitation}, ...)
     * @param sections the sections, in the order they are written
     */
    protected ArchivePart(String service, List<Section> sections) {
        this.service = service;
        this.sections = List.copyOf(sections);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "What this service holds about me (for my data archive)",
            description = "The caller's own data only, as JSON: {service, memberId, exportedAt, <section>: [rows]}; "
                    + "streamed from one read-only snapshot. profile-service's GET /members/me/archive zips the five "
                    + "services' parts.")
    public Response archivePart() {
        UUID me = current.id();
        StreamingOutput body = out -> write(me, out);
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store").build();
    }

    /** Writes the member's document to {@code out} (left open: the archive writes it into a zip entry). */
    public void write(UUID member, OutputStream out) throws IOException {
        JsonFactory factory = json.getFactory();
        try (JsonGenerator gen = factory.createGenerator(out, JsonEncoding.UTF8)) {
            gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            gen.writeStartObject();
            gen.writeStringField("service", service);
            gen.writeStringField("memberId", member.toString());
            gen.writeStringField("exportedAt", clock.now().toString());
            Cursors.readOnly(dataSource, c -> {
                for (Section s : sections) {
                    gen.writeFieldName(s.name());
                    section(c, s, member, gen);
                }
            });
            gen.writeEndObject();
        }
    }

    private static void section(Connection c, Section s, UUID member, JsonGenerator gen)
            throws SQLException, IOException {
        try (PreparedStatement ps = c.prepareStatement(s.sql(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            ps.setFetchSize(Cursors.FETCH_SIZE);
            ParameterMetaData params = ps.getParameterMetaData();
            for (int i = 1; i <= params.getParameterCount(); i++) {
                ps.setObject(i, member);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                String[] names = new String[meta.getColumnCount()];
                for (int i = 0; i < names.length; i++) {
                    names[i] = camel(meta.getColumnLabel(i + 1));
                }
                if (s.single()) {
                    if (rs.next()) {
                        row(rs, meta, names, gen);
                    } else {
                        gen.writeNull();
                    }
                    return;
                }
                gen.writeStartArray();
                while (rs.next()) {
                    row(rs, meta, names, gen);
                }
                gen.writeEndArray();
            }
        }
    }

    private static void row(ResultSet rs, ResultSetMetaData meta, String[] names, JsonGenerator gen)
            throws SQLException, IOException {
        gen.writeStartObject();
        for (int i = 0; i < names.length; i++) {
            gen.writeFieldName(names[i]);
            value(rs, i + 1, meta.getColumnType(i + 1), meta.getColumnTypeName(i + 1), gen);
        }
        gen.writeEndObject();
    }

    private static void value(ResultSet rs, int i, int type, String typeName, JsonGenerator gen)
            throws SQLException, IOException {
        if (type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE) {
            OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
            if (t == null) {
                gen.writeNull();
            } else {
                gen.writeString(t.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString());
            }
            return;
        }
        Object v = rs.getObject(i);
        if (v == null) {
            gen.writeNull();
        } else if ("jsonb".equals(typeName) || "json".equals(typeName)) {
            gen.writeRawValue(v.toString());
        } else if (v instanceof Array a) {
            gen.writeStartArray();
            for (Object x : (Object[]) a.getArray()) {
                gen.writeObject(x == null ? null : x instanceof Number || x instanceof Boolean ? x : x.toString());
            }
            gen.writeEndArray();
        } else if (v instanceof Number || v instanceof Boolean) {
            gen.writeObject(v);
        } else {
            gen.writeString(v.toString());
        }
    }

    /** {@code first_name} -> {@code firstName}; a label without underscores stays. */
    static String camel(String label) {
        StringBuilder b = new StringBuilder(label.length());
        boolean up = false;
        for (char ch : label.toCharArray()) {
            if (ch == '_') {
                up = b.length() > 0;
            } else {
                b.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return b.toString();
    }
}
