package dev.trellis.profile.domain;

import dev.trellis.platform.domain.DomainException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An uploaded address book (CSV or vCard), parsed into contacts. Only the e-mail addresses are used to match
 * members, normalised (trimmed, lower case); names are handed back to the uploader as they gave them.
 */
public final class AddressBook {
    public static final int MAX_CONTACTS = 10_000;

    /** One contact: its position in the upload (0-based), the name as given (or null) and its e-mail addresses. */
    public record Contact(int index, String name, List<String> emails) {
    }

    private AddressBook() {
    }

    /** trim + lower case; null when it is not an e-mail address at all. */
    public static String normalizeEmail(String raw) {
        if (raw == null) {
            return null;
        }
        String e = raw.strip();
        if (e.regionMatches(true, 0, "mailto:", 0, 7)) {
            e = e.substring(7).strip();
        }
        e = e.toLowerCase(Locale.ROOT);
        int at = e.indexOf('@');
        if (at <= 0 || at != e.lastIndexOf('@') || at == e.length() - 1 || e.length() > 254
                || e.chars().anyMatch(Character::isWhitespace)) {
            return null;
        }
        return e;
    }

    // --- CSV ---------------------------------------------------------------------------------------------

    /**
     * CSV (RFC 4180 quoting; ',' or ';'). With a header row, the e-mail column is the one whose name contains
     * "mail" and the name comes from "name" / "first name" + "last name" columns; without one, the e-mail is the
     * first field holding an '@' and the name the first other non-empty field.
     */
    public static List<Contact> csv(String body) {
        List<List<String>> rows = csvRows(body == null ? "" : body);
        rows.removeIf(r -> r.stream().allMatch(String::isBlank));
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> first = rows.get(0);
        int emailCol = -1;
        int nameCol = -1;
        int firstCol = -1;
        int lastCol = -1;
        boolean header = first.stream().noneMatch(f -> f.contains("@"))
                && first.stream().anyMatch(f -> f.toLowerCase(Locale.ROOT).contains("mail"));
        if (header) {
            for (int i = 0; i < first.size(); i++) {
                String h = first.get(i).strip().toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ');
                if (h.contains("mail") && emailCol < 0) {
                    emailCol = i;
                } else if (h.equals("first name") || h.equals("given name") || h.equals("firstname")) {
                    firstCol = i;
                } else if (h.equals("last name") || h.equals("family name") || h.equals("surname") || h.equals("lastname")) {
                    lastCol = i;
                } else if ((h.equals("name") || h.equals("full name") || h.equals("display name")) && nameCol < 0) {
                    nameCol = i;
                }
            }
            rows = rows.subList(1, rows.size());
        }
        limit(rows.size());
        List<Contact> out = new ArrayList<>(rows.size());
        for (List<String> r : rows) {
            String email;
            String name;
            if (header) {
                email = field(r, emailCol);
                name = field(r, nameCol);
                if (name == null) {
                    String fn = field(r, firstCol);
                    String ln = field(r, lastCol);
                    name = fn == null ? ln : ln == null ? fn : fn + " " + ln;
                }
            } else {
                email = r.stream().filter(f -> f.contains("@")).findFirst().map(String::strip).orElse(null);
                name = r.stream().filter(f -> !f.contains("@") && !f.isBlank()).findFirst().map(String::strip).orElse(null);
            }
            out.add(new Contact(out.size(), name, email == null ? List.of() : List.of(email)));
        }
        return out;
    }

    private static String field(List<String> row, int col) {
        if (col < 0 || col >= row.size() || row.get(col).isBlank()) {
            return null;
        }
        return row.get(col).strip();
    }

    private static List<List<String>> csvRows(String s) {
        char sep = guessSeparator(s);
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        f.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == sep) {
                row.add(f.toString());
                f.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(f.toString());
                f.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                if (rows.size() > MAX_CONTACTS + 1) {
                    limit(rows.size() - 1);
                }
            } else {
                f.append(c);
            }
        }
        if (f.length() > 0 || !row.isEmpty()) {
            row.add(f.toString());
            rows.add(row);
        }
        return rows;
    }

    private static char guessSeparator(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        long commas = line.chars().filter(c -> c == ',').count();
        long semis = line.chars().filter(c -> c == ';').count();
        return semis > commas ? ';' : ',';
    }

    // --- vCard -------------------------------------------------------------------------------------------

    /** vCard 2.1 / 3.0 / 4.0: one contact per BEGIN:VCARD ... END:VCARD, name from FN (or N), every EMAIL. */
    public static List<Contact> vcard(String body) {
        String text = (body == null ? "" : body).replace("\r\n", "\n").replace('\r', '\n');
        // unfold: a line starting with a space or tab continues the previous one
        text = text.replace("\n ", "").replace("\n\t", "");
        List<Contact> out = new ArrayList<>();
        boolean inCard = false;
        String fn = null;
        String n = null;
        Set<String> emails = new LinkedHashSet<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String prop = line.substring(0, colon).strip().toUpperCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            int dot = prop.indexOf('.');
            String name = (dot >= 0 ? prop.substring(dot + 1) : prop).split(";", 2)[0];
            if (name.equals("BEGIN") && value.equalsIgnoreCase("VCARD")) {
                inCard = true;
                fn = null;
                n = null;
                emails = new LinkedHashSet<>();
            } else if (name.equals("END") && value.equalsIgnoreCase("VCARD") && inCard) {
                inCard = false;
                limit(out.size() + 1);
                out.add(new Contact(out.size(), fn != null ? fn : n, List.copyOf(emails)));
            } else if (inCard && name.equals("FN") && !value.isEmpty()) {
                fn = unescape(value);
            } else if (inCard && name.equals("N") && !value.isEmpty()) {
                String[] parts = value.split(";", -1);
                String last = parts.length > 0 ? unescape(parts[0]).strip() : "";
                String given = parts.length > 1 ? unescape(parts[1]).strip() : "";
                String joined = (given + " " + last).strip();
                n = joined.isEmpty() ? null : joined;
            } else if (inCard && name.equals("EMAIL") && !value.isEmpty()) {
                emails.add(value);
            }
        }
        if (inCard) {
            throw DomainException.invalid("contacts", "a vCard has BEGIN:VCARD without END:VCARD");
        }
        return out;
    }

    private static String unescape(String v) {
        return v.replace("\\,", ",").replace("\\;", ";").replace("\\n", " ").replace("\\N", " ").replace("\\\\", "\\");
    }

    private static void limit(int count) {
        if (count > MAX_CONTACTS) {
            throw DomainException.invalid("contacts", "an upload holds at most " + MAX_CONTACTS + " contacts");
        }
    }
}
