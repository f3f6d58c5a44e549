package dev.trellis.systest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The authorization matrix: every operation of every service's {@code /q/openapi} is called without a token, with
 * a stranger's token and with the owner's token, and each answer is compared with the operation's row of
 * {@code authorization-matrix.tsv} (the one checked-in table of who may do what, issue 12). An operation without
 * a row fails, and so does a row without an operation: a new endpoint cannot slip through. Every 4xx must be
 * problem+json, and the values a row names must not appear in the stranger's answer. All mismatches are listed
 * at once.
 */
@ExtendWith(SharedSuite.class)
class AuthorizationMatrixIT {
    static final String TABLE = "authorization-matrix.tsv";
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");

    record Row(int line, String service, String method, String path, String as, String params, String body,
               String noToken, String owner, String stranger, String hidden, String note) {
        String key() {
            return service + " " + method + " " + path;
        }
    }

    static List<Row> table() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = AuthorizationMatrixIT.class.getClassLoader().getResourceAsStream(TABLE)) {
            if (in == null) {
                throw new IllegalStateException(TABLE + " is not on the test class path");
            }
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            boolean header = true;
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i];
                if (l.isBlank() || l.startsWith("#")) {
                    continue;
                }
                String[] c = l.split("\t", -1);
                if (c.length != 11) {
                    throw new IllegalStateException(TABLE + ":" + (i + 1) + " has " + c.length + " columns, not 11");
                }
                if (header) {
                    header = false;
                    continue;
                }
                rows.add(new Row(i + 1, c[0], c[1], c[2], c[3].isBlank() ? "O" : c[3], c[4], c[5], c[6], c[7], c[8],
                        c[9], c[10]));
            }
        }
        return rows;
    }

    static boolean matches(String expected, int status) {
        for (String alt : expected.split("\\|")) {
            alt = alt.trim();
            if (alt.length() == 3 && alt.endsWith("xx") ? status / 100 == alt.charAt(0) - '0'
                    : alt.equals(String.valueOf(status))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void every_operation_answers_no_token_owner_and_stranger_as_its_row_says() throws Exception {
        long started = System.nanoTime();
        Suite suite = SharedSuite.suite();
        List<OpenApi.Operation> ops = OpenApi.operations(suite);
        List<Row> rows = table();
        List<String> mismatches = new ArrayList<>();

        Map<String, OpenApi.Operation> byKey = new LinkedHashMap<>();
        ops.forEach(o -> byKey.put(o.key(), o));
        Set<String> rowKeys = new LinkedHashSet<>();
        for (Row r : rows) {
            if (!rowKeys.add(r.key())) {
                mismatches.add(TABLE + ":" + r.line() + " " + r.key() + ": a second row for the same operation");
            }
        }
        for (OpenApi.Operation o : ops) {
            if (!rowKeys.contains(o.key())) {
                mismatches.add(o.key() + ": an operation of /q/openapi without a row in " + TABLE
                        + " (add one: who may call it, and what the others get)");
            }
        }
        for (Row r : rows) {
            if (!byKey.containsKey(r.key())) {
                mismatches.add(TABLE + ":" + r.line() + " " + r.key() + ": a row without an operation in /q/openapi");
            }
        }

        Fixture f = Fixture.build(suite, "mx" + Long.toString(System.nanoTime() % 100_000, 36));
        long fixtureMillis = (System.nanoTime() - started) / 1_000_000;
        Map<String, Integer> outcomes = new TreeMap<>();
        int calls = 0;
        int checkedRows = 0;
        for (Row r : rows) {
            OpenApi.Operation op = byKey.get(r.key());
            if (op == null) {
                continue;
            }
            checkedRows++;
            Member owner = f.m(r.as());
            Member stranger = f.m("S");
            String[][] callers = {{"no-token", null, r.noToken()}, {"stranger", stranger.token(), r.stranger()},
                    {"owner(" + r.as() + ")", owner.token(), r.owner()}};
            for (String[] caller : callers) {
                RawHttp.Request req = request(f, op, r, caller[1]);
                RawHttp.Answer a = RawHttp.send(suite.url(r.service()), req);
                calls++;
                outcomes.merge(caller[0].replaceAll("\\(.*\\)", "") + " " + (a.status() < 0 ? "none" : a.status()),
                        1, Integer::sum);
                String where = TABLE + ":" + r.line() + " " + r.key() + " as " + caller[0] + " (" + r.note() + "): ";
                if (!matches(caller[2], a.status())) {
                    mismatches.add(where + "expected " + caller[2] + ", got " + a.brief() + "  <- " + req.brief());
                } else if (a.status() >= 400 && a.status() < 500 && !a.problemJson()) {
                    mismatches.add(where + a.status() + " is not application/problem+json: " + a.brief());
                }
                if (caller[0].equals("stranger") && !r.hidden().isBlank() && a.status() >= 200 && a.status() < 300) {
                    for (String h : f.fill(r.hidden()).split(",")) {
                        h = h.trim();
                        boolean shown = h.startsWith("re:") ? Pattern.compile(h.substring(3)).matcher(a.body()).find()
                                : !h.isEmpty() && a.body().contains(h);
                        if (shown) {
                            mismatches.add(where + "the stranger's answer shows " + h + " (it must not): "
                                    + a.brief());
                        }
                    }
                }
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("authorization matrix: %d operations in /q/openapi, %d rows, %d rows called, %d calls, "
                        + "%d mismatches, %d ms (fixture %d ms)%n", ops.size(), rows.size(), checkedRows, calls,
                mismatches.size(), millis, fixtureMillis);
        System.out.println("authorization matrix outcomes (caller status: calls): " + outcomes);
        if (!mismatches.isEmpty()) {
            fail(mismatches.size() + " authorization matrix mismatches:\n  " + String.join("\n  ", mismatches));
        }
    }

    /** The row's request for one caller: path and query from the fixture, the body, the token (if any). */
    static RawHttp.Request request(Fixture f, OpenApi.Operation op, Row r, String token) {
        Map<String, String> params = new LinkedHashMap<>();
        if (!r.params().isBlank()) {
            for (String p : r.params().split("&")) {
                int eq = p.indexOf('=');
                params.put(p.substring(0, eq), f.fill(p.substring(eq + 1)));
            }
        }
        Matcher m = TEMPLATE.matcher(op.path());
        StringBuilder path = new StringBuilder();
        Set<String> used = new LinkedHashSet<>();
        while (m.find()) {
            String v = params.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException(TABLE + ":" + r.line() + " gives no value for {" + m.group(1) + "}");
            }
            used.add(m.group(1));
            m.appendReplacement(path, Matcher.quoteReplacement(URLEncoder.encode(v, StandardCharsets.UTF_8)
                    .replace("+", "%20")));
        }
        m.appendTail(path);
        String sep = "?";
        for (var e : params.entrySet()) {
            if (!used.contains(e.getKey())) {
                path.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
                sep = "&";
            }
        }
        RawHttp.Request req = new RawHttp.Request(r.method(), path.toString()).bearer(token);
        String body = r.body().trim();
        if (body.startsWith("csv:")) {
            req.body("text/csv", f.fill(body.substring(4)).replace("\\n", "\n"));
        } else if (!body.equals("-") && !body.isEmpty()) {
            req.body("application/json", f.fill(body));
        } else if (!op.bodies().isEmpty() && op.bodies().containsKey("application/json")) {
            req.header("Content-Type", "application/json"); // an optional body left out
        }
        return req;
    }
}
