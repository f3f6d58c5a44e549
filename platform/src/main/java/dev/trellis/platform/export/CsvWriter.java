package dev.trellis.platform.export;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A small RFC 4180 CSV writer that writes each record as it comes (for exports streamed to the client):
 * fields separated by {@code ,}, records ended by CRLF, a field in double quotes when it holds a comma, a quote,
 * CR or LF (or starts or ends with a space), a quote inside written twice. A null field is an empty one.
 * <p>
 * Spreadsheet formula injection: a field that starts with {@code =}, {@code +}, {@code -}, {@code @}, TAB or CR
 * (text another member chose, e.g. a company name {@code =HYPERLINK(...)}) gets a leading {@code '} so that a
 * spreadsheet shows it as text instead of running it (OWASP "CSV Injection"). {@link #raw} leaves a field as it is
 * (for values the writer's caller made, such as a date or a URL).
 */
public final class CsvWriter implements Flushable, Closeable {
    private final Writer out;

    public CsvWriter(Writer out) {
        this.out = out;
    }

    /** UTF-8 without a byte order mark, buffered; {@link #close} closes {@code out}. */
    public static CsvWriter utf8(OutputStream out) {
        return new CsvWriter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024));
    }

    /** A value the caller made itself and writes as it is (only quoted as RFC 4180 requires). */
    public record Raw(String value) {
    }

    public static Raw raw(String value) {
        return new Raw(value);
    }

    /** One record; each field a String, a {@link Raw}, null (empty) or anything else (its toString, as raw). */
    public CsvWriter row(Object... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            Object f = fields[i];
            if (f == null) {
                continue;
            }
            if (f instanceof String s) {
                out.write(field(s, true));
            } else if (f instanceof Raw r) {
                out.write(field(r.value(), false));
            } else {
                out.write(field(f.toString(), false));
            }
        }
        out.write("\r\n");
        return this;
    }

    public CsvWriter row(List<?> fields) throws IOException {
        return row(fields.toArray());
    }

    /** One field as written: guarded against formulas if {@code text}, quoted when needed. */
    public static String field(String value, boolean text) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = text && formula(value.charAt(0)) ? "'" + value : value;
        boolean quote = v.charAt(0) == ' ' || v.charAt(v.length() - 1) == ' ';
        for (int i = 0; i < v.length() && !quote; i++) {
            char c = v.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    private static boolean formula(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
