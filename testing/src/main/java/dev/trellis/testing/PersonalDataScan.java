package dev.trellis.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Searches every table of a database for texts (case-insensitive, anywhere in a row cast to text): what an
 * erasure test asserts is gone. Returns "table: row" for each row that holds one of them.
 */
public final class PersonalDataScan {
    /** Every row of every table in the public schema (except {@code excluded}) that contains one of {@code texts}. */
    public static List<String> rowsContaining(Connection c, Collection<String> texts, Set<String> excluded)
            throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (!excluded.contains(rs.getString(1))) {
                    tables.add(rs.getString(1));
                }
            }
        }
        List<String> found = new ArrayList<>();
        String[] patterns = texts.stream().filter(t -> t != null && !t.isBlank())
                .map(t -> "%" + t.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
                .toArray(String[]::new);
        if (patterns.length == 0) {
            return found;
        }
        for (String table : tables) {
            try (PreparedStatement ps = c.prepareStatement("SELECT t::text FROM \"" + table.replace("\"", "\"\"")
                    + "\" t WHERE lower(t::text) LIKE ANY (?)")) {
                ps.setArray(1, c.createArrayOf("text", patterns));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(table + ": " + rs.getString(1));
                    }
                }
            }
        }
        return found;
    }

    private PersonalDataScan() {
    }
}
