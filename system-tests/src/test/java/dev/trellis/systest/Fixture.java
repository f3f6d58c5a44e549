package dev.trellis.systest;

import io.restassured.response.Response;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/**
 * The world the authorization matrix (and the fuzzer) run in, built through the real APIs of the running suite:
 * <ul>
 * <li>{@code O} the owner and {@code S} a stranger (connected to nobody);</li>
 * <li>O's connections {@code C} and {@code D} (O shows connections to nobody: ONLY_ME), C's connections {@code E}
 * and {@code F} (2nd degree to O, for introductions);</li>
 * <li>{@code B} (O blocks B in the matrix), {@code U} (blocked by O before), {@code T} (a target for invitations,
 * follows, groups), {@code V} and {@code W} (O invited them: one to read, one to withdraw), {@code R1..R3} (they
 * invited O: to accept, ignore, "I don't know"), {@code PW} (changes a password), {@code CL} (closes the account), {@code LO} (logs out);</li>
 * <li>resources: invitations, recommendations C -&gt; O, D -&gt; O and O -&gt; C, endorsements of O's skills by C,
 * introductions O asks C for (to E and to F), a conversation O - C, O's notification and prompts, O's group.</li>
 * </ul>
 * Values are named (member ids by the member's name, {@code X.email}, {@code X.refresh}, resources by name) and
 * filled into the matrix's path templates, queries and bodies as {@code ${name}}.
 */
final class Fixture {
    static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.]+)}");

    final Suite suite;
    final Map<String, Member> members = new LinkedHashMap<>();
    final Map<String, String> values = new LinkedHashMap<>();
    private final String tag;
    private int fresh;

    private Fixture(Suite suite, String tag) {
        this.suite = suite;
        this.tag = tag;
    }

    Member m(String name) {
        Member m = members.get(name);
        if (m == null) {
            throw new IllegalArgumentException("no member " + name + " in the fixture");
        }
        return m;
    }

    /** Fills every ${name} of the text; ${fresh} is a new value each time (e-mail addresses, group names). */
    String fill(String text) {
        Matcher mt = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (mt.find()) {
            String key = mt.group(1);
            String v = key.equals("fresh") ? tag + "-" + (++fresh) + "-" + System.nanoTime() : values.get(key);
            if (v == null) {
                throw new IllegalArgumentException("the fixture has no value ${" + key + "}");
            }
            mt.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        mt.appendTail(out);
        return out.toString();
    }

    static Fixture build(Suite suite, String tag) throws Exception {
        Fixture f = new Fixture(suite, tag);
        f.build();
        return f;
    }

    private void build() throws Exception {
        List<String> names = List.of("O", "S", "C", "D", "E", "F", "B", "U", "T", "V", "W", "R1", "R2", "R3", "LO", "K",
                "H");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Map<String, Future<Member>> signUps = new LinkedHashMap<>();
            for (String n : names) {
                signUps.put(n, pool.submit(() -> Member.signUp(suite, n + tag, "Matrix")));
            }
            // PW gets a password of its own: a stranger sending PW's password change cannot change theirs
            Future<Member> pw = pool.submit(() -> signUpWithPassword("PW" + tag, "pw-only password " + tag));
            // CL closes the account (its own password too: the stranger's DELETE /members/me with it is refused)
            Future<Member> cl = pool.submit(() -> signUpWithPassword("CL" + tag, "cl-only password " + tag));
            for (var e : signUps.entrySet()) {
                put(e.getKey(), e.getValue().get());
            }
            put("PW", pw.get());
            put("CL", cl.get());
        } finally {
            pool.shutdown();
        }
        values.put("PW.password", m("PW").password());
        values.put("CL.password", m("CL").password());

        // skills: O lists Go and Rust (C endorses them), C lists Go (O endorses it in the matrix)
        for (String skill : List.of("Go", "Rust")) {
            m("O").at(suite, "profile").body(Map.of("skill", skill)).post("/profiles/me/skills").then().statusCode(200);
        }
        m("C").at(suite, "profile").body(Map.of("skill", "Go")).post("/profiles/me/skills").then().statusCode(200);

        // the graph: O - C, O - D, C - E, C - F
        connect("C", "O");
        connect("D", "O");
        connect("E", "C");
        connect("F", "C");
        connect("K", "O");
        connect("H", "C");
        awaitDegree("O", "C", 1);
        awaitDegree("O", "D", 1);
        awaitDegree("C", "E", 1);
        awaitDegree("C", "F", 1);
        awaitDegree("O", "K", 1);
        awaitDegree("C", "H", 1);
        m("O").at(suite, "profile").body(Map.of("connectionsVisibility", "ONLY_ME"))
                .put("/profiles/me/privacy").then().statusCode(200);
        m("O").at(suite, "connection").body(Map.of("tag", "matrix")).post("/connections/" + id("C") + "/tags")
                .then().statusCode(200);
        values.put("tag", "matrix");
        until(() -> m("O").at(suite, "connection").body(Map.of("memberId", id("U"))).post("/blocks"), 204);

        // invitations: R1, R2, R3 invited O; O invited V and W
        values.put("invAccept", invite("R1", "O"));
        values.put("invIgnore", invite("R2", "O"));
        values.put("invUnknown", invite("R3", "O"));
        values.put("invRead", invite("O", "V"));
        values.put("invWithdraw", invite("O", "W"));

        // recommendations (need recommendation-service to know the connections)
        String text = "A careful and generous colleague: the payments rewrite shipped on time because of her.";
        values.put("recByC", until(() -> m("C").at(suite, "recommendation").body(Map.of("recipientId", id("O"),
                "relationship", "WORKED_WITH", "text", text)).post("/recommendations"), 201).path("recommendationId"));
        values.put("recByD", until(() -> m("D").at(suite, "recommendation").body(Map.of("recipientId", id("O"),
                "relationship", "WORKED_WITH", "text", text)).post("/recommendations"), 201).path("recommendationId"));
        values.put("recByO", until(() -> m("O").at(suite, "recommendation").body(Map.of("recipientId", id("C"),
                "relationship", "WORKED_WITH", "text", text)).post("/recommendations"), 201).path("recommendationId"));

        // endorsements of O's skills by C (recommendation-service learns skills from profile events)
        values.put("endHide", until(() -> m("C").at(suite, "recommendation").body(Map.of("skill", "Go"))
                .post("/members/" + id("O") + "/endorsements"), 201).path("endorsementId"));
        values.put("endWithdraw", until(() -> m("C").at(suite, "recommendation").body(Map.of("skill", "Rust"))
                .post("/members/" + id("O") + "/endorsements"), 201).path("endorsementId"));
        values.put("skill", "Go");

        // introductions: O asks C to introduce O to E (forwarded in the matrix) and to F (declined)
        values.put("introForward", until(() -> m("O").at(suite, "recommendation").body(Map.of("introducerId", id("C"),
                "targetId", id("E"), "note", "Could you introduce me to E?")).post("/introductions"), 201)
                .path("introductionId"));
        values.put("introDecline", until(() -> m("O").at(suite, "recommendation").body(Map.of("introducerId", id("C"),
                "targetId", id("F"), "note", "Could you introduce me to F?")).post("/introductions"), 201)
                .path("introductionId"));

        // a conversation O - C
        values.put("conversation", until(() -> m("O").at(suite, "notification")
                .body(Map.of("to", id("C"), "text", "Hello C, from the matrix")).post("/messages"), 201)
                .path("conversationId"));

        // O's group, which C joined (C leaves it in the matrix)
        values.put("group", m("O").at(suite, "profile").body(Map.of("name", "Matrix group " + tag,
                "description", "for the matrix")).post("/groups").then().statusCode(201).extract().path("groupId"));
        m("C").at(suite, "profile").post("/groups/" + values.get("group") + "/members").then().statusCode(200);

        // templates (the first of each service)
        values.put("invitationTemplate", m("O").at(suite, "invitation").get("/invitations/templates")
                .then().statusCode(200).extract().path("[0].id"));
        values.put("recommendationTemplate", m("O").at(suite, "recommendation").get("/recommendations/templates")
                .then().statusCode(200).extract().path("[0].id"));
        values.put("messageTemplate", m("O").at(suite, "notification").get("/messages/templates")
                .then().statusCode(200).extract().path("[0].id"));

        // O's notifications and prompts (O accepted C's, D's and K's invitations: welcome prompts; C's is done, O
        // messaged C; K's is sent in the matrix, D's dismissed: D's connection is removed only at the end)
        values.put("notification", await(() -> m("O").at(suite, "notification").get("/notifications"),
                r -> r.statusCode() == 200 && r.path("items[0].notificationId") != null)
                .path("items[0].notificationId"));
        values.put("promptSend", prompt("K"));
        values.put("promptDismiss", prompt("D"));
        values.put("unknown", "00000000-0000-4000-8000-000000000000");
    }

    /** The id of O's welcome prompt about the member. */
    private String prompt(String other) {
        Response r = await(() -> m("O").at(suite, "notification").get("/prompts?size=50"),
                x -> x.statusCode() == 200 && x.path("items.find { it.otherMemberId == '" + id(other) + "' }") != null);
        return r.path("items.find { it.otherMemberId == '" + id(other) + "' }.promptId");
    }

    private void put(String name, Member m) {
        members.put(name, m);
        values.put(name, m.id().toString());
        values.put(name + ".email", m.email());
        values.put(name + ".refresh", m.refreshToken() == null ? "" : m.refreshToken());
    }

    private Member signUpWithPassword(String first, String password) {
        String email = first.toLowerCase() + "-" + java.util.UUID.randomUUID() + "@example.com";
        Response r = given().baseUri(suite.url("profile")).contentType("application/json")
                .body(Map.of("email", email, "password", password, "firstName", first, "lastName", "Matrix"))
                .post("/members");
        if (r.statusCode() == 202) {
            r = given().baseUri(suite.url("profile")).contentType("application/json")
                    .body(Map.of("email", email, "code", Member.mailedCode(suite, email))).post("/members/verify");
        }
        if (r.statusCode() != 201) {
            throw new AssertionError("sign-up of " + email + " answered " + r.statusCode() + ": " + r.asString());
        }
        return new Member(java.util.UUID.fromString(r.path("memberId")), first, "Matrix", email, password,
                r.path("token"), r.path("refreshToken"));
    }

    String id(String name) {
        return m(name).id().toString();
    }

    /** from invites to (retried until invitation-service knows both); the invitation id. */
    String invite(String from, String to) {
        return until(() -> m(from).at(suite, "invitation").body(Map.of("toMemberId", id(to), "note", "Hi from the matrix"))
                .post("/invitations"), 201).path("invitationId");
    }

    void connect(String from, String to) {
        String inv = invite(from, to);
        m(to).at(suite, "invitation").post("/invitations/" + inv + "/accept").then().statusCode(200);
    }

    void awaitDegree(String a, String b, int degree) {
        await(() -> m(a).at(suite, "connection").get("/members/" + id(a) + "/degree/" + id(b)),
                r -> r.statusCode() == 200 && Integer.valueOf(degree).equals(r.path("degree")));
    }

    static Response until(Callable<Response> call, int status) {
        return await(call, r -> r.statusCode() == status);
    }

    static Response await(Callable<Response> call, Predicate<Response> done) {
        Instant deadline = Instant.now().plus(PATIENCE);
        Response last = null;
        List<String> seen = new ArrayList<>();
        while (Instant.now().isBefore(deadline)) {
            try {
                last = call.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            if (done.test(last)) {
                return last;
            }
            String s = last.statusCode() + " " + last.asString();
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(s)) {
                seen.add(s);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the fixture waited in vain; answers: " + seen);
    }
}
