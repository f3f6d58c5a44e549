package dev.trellis.platform.export;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvWriterTest {
    static String write(Object... fields) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CsvWriter csv = CsvWriter.utf8(bytes)) {
            csv.row(fields);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plain_fields_are_separated_by_commas_and_the_record_ends_with_crlf() throws IOException {
        assertEquals("a,b,,c\r\n", write("a", "b", null, "c"));
    }

    @Test
    void a_comma_a_quote_or_a_line_break_is_quoted_and_quotes_are_doubled() throws IOException {
        assertEquals("\"Acme, Inc\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\"\r\n",
                write("Acme, Inc", "say \"hi\"", "two\nlines", "cr\rhere"));
    }

    @Test
    void leading_or_trailing_spaces_are_kept_inside_quotes() throws IOException {
        assertEquals("\" x\",\"y \"\r\n", write(" x", "y "));
    }

    @Test
    void a_text_that_a_spreadsheet_would_run_as_a_formula_is_written_as_text() throws IOException {
        assertEquals("'=1+2,'+x,'-y,'@z,\"'=A1,B1\"\r\n", write("=1+2", "+x", "-y", "@z", "=A1,B1"));
    }

    @Test
    void raw_fields_and_other_values_are_not_guarded_but_still_quoted() throws IOException {
        assertEquals("-1,true,\"a,b\"\r\n", write(CsvWriter.raw("-1"), true, CsvWriter.raw("a,b")));
    }

    @Test
    void utf8_without_bom() throws IOException {
        assertEquals("Zoë,Łukasz\r\n", write("Zoë", "Łukasz"));
    }
}
