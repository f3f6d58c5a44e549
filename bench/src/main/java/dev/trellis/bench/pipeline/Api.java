package dev.trellis.bench.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The suite's HTTP API as the bench uses it: sign-up (202 + mailed code + verify), refresh, log-in. */
final class Api {
    static final String PASSWORD = "bench-pipeline-pw-1";
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    final HttpClient http;
    final String profile;
    final String invitation;
    final String connection;
    final String notification;
    final String adminToken;

    Api(String profile, String invitation, String connection, String notification, String adminToken, int ioThreads) {
        this.profile = profile;
        this.invitation = invitation;
        this.connection = connection;
        this.notification = notification;
        this.adminToken = adminToken;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(ioThreads, r -> {
                    Thread t = new Thread(r, "http-client");
                    t.setDaemon(true);
                    return t;
                }))
                .build();
    }

    /** A signed-up member: id, token, its expiry (epoch ms) and the refresh token. */
    record Session(String memberId, String token, long expiresAt, String refreshToken) {
    }

    Session signUp(String email) throws IOException, InterruptedException {
        String body = String.format("{\"email\":\"%s\",\"password\":\"%s\",\"firstName\":\"Pipe\","
                + "\"lastName\":\"Bench\",\"headline\":\"Load generator\"}", email, PASSWORD);
        HttpResponse<String> r = post(profile + "/members", body, null);
        if (r.statusCode() == 201) {
            return session(r.body());
        }
        expect(r, 202);
        String code = null;
        long end = System.nanoTime() + 30_000_000_000L;
        while (code == null) {
            HttpResponse<String> mail = http.send(HttpRequest.newBuilder(URI.create(profile + "/admin/mail?to="
                            + URLEncoder.encode(email, StandardCharsets.UTF_8)))
                    .header("X-Trellis-Admin-Token", adminToken).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            expect(mail, 200);
            Matcher m = Pattern.compile("\"code\"\\s*:\\s*\"(\\d{6})\"").matcher(mail.body());
            Matcher any = CODE.matcher(mail.body());
            code = m.find() ? m.group(1) : any.find() ? any.group(1) : null;
            if (code == null) {
                if (System.nanoTime() > end) {
                    throw new IllegalStateException("no code mailed to " + email + ": " + mail.body());
                }
                Thread.sleep(100);
            }
        }
        HttpResponse<String> v = post(profile + "/members/verify",
                "{\"email\":\"" + email + "\",\"code\":\"" + code + "\"}", null);
        expect(v, 201);
        return session(v.body());
    }

    /** Uses up the refresh token: a new pair of the same session, or null when it is refused (401). */
    Session refresh(String refreshToken) throws IOException, InterruptedException {
        HttpResponse<String> r = post(profile + "/sessions/refresh", "{\"refreshToken\":\"" + refreshToken + "\"}", null);
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            return null;
        }
        expect(r, 200);
        return session(r.body());
    }

    /** A new session with the password (throttled by profile-service to 30 attempts a minute per address). */
    Session logIn(String email, String password) throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> r = post(profile + "/sessions",
                    "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null);
            if (r.statusCode() == 200) {
                return session(r.body());
            }
            if (r.statusCode() != 429 || attempt > 10) {
                return null;
            }
            Thread.sleep(2_000L * Math.max(1, r.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L)));
        }
    }

    private static Session session(String json) {
        long expiresIn = num(json, "expiresIn");
        return new Session(str(json, "memberId"), str(json, "token"), System.currentTimeMillis() + expiresIn * 1000,
                str(json, "refreshToken"));
    }

    HttpResponse<String> post(String url, String json, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void expect(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(r.request().method() + " " + r.request().uri() + " -> " + r.statusCode()
                    + " " + r.body());
        }
    }

    static String str(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + json);
        }
        return m.group(1);
    }

    static long num(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(-?\\d+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + json);
        }
        return Long.parseLong(m.group(1));
    }

    /** The field's number, or -1 when absent or null. */
    static long numOr(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(-?\\d+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
