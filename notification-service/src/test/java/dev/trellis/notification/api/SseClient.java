package dev.trellis.notification.api;

import io.restassured.path.json.JsonPath;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real HTTP client reading a Server-Sent Events stream (java.net.http), line by line, on a thread of its own. */
final class SseClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final int status;
    final String contentType;
    /** The data of every {@code badges} event, in arrival order. */
    final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    /** Comment lines (heartbeats). */
    final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
    /** The names of the other events (e.g. {@code expired}), in arrival order. */
    final BlockingQueue<String> others = new LinkedBlockingQueue<>();
    /** Counted down when the server ends the stream. */
    final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
    /** The response body of a refused stream (problem+json). */
    final String refusal;
    private final InputStream body;
    private final Thread reader;

    private SseClient(HttpResponse<InputStream> response) {
        this.status = response.statusCode();
        this.contentType = response.headers().firstValue("content-type").orElse("");
        this.body = response.body();
        String refused = null;
        if (status != 200) {
            try {
                refused = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                refused = "";
            }
        }
        this.refusal = refused;
        this.reader = new Thread(this::read, "sse-test-client");
        this.reader.setDaemon(true);
        if (status == 200) {
            reader.start();
        }
    }

    static SseClient open(URI uri, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return new SseClient(HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String event = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty()) {
                    if ("badges".equals(event) && data.length() > 0) {
                        events.add(data.toString());
                    } else if (event != null) {
                        others.add(event);
                    }
                    event = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).strip());
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
        } catch (IOException e) {
            // closed
        }
        ended.countDown();
    }

    /** The next badges event, or null after {@code wait}. */
    JsonPath next(Duration wait) throws InterruptedException {
        String s = events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        return s == null ? null : JsonPath.from(s);
    }

    /** Waits for a badges event that matches; fails after {@code wait}. */
    JsonPath await(Predicate<JsonPath> match, Duration wait) throws InterruptedException {
        Instant end = Instant.now().plus(wait);
        while (Instant.now().isBefore(end)) {
            JsonPath p = next(Duration.between(Instant.now(), end));
            if (p != null && match.test(p)) {
                return p;
            }
        }
        throw new AssertionError("no matching badges event within " + wait);
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException ignored) {
            // gone
        }
        reader.interrupt();
    }
}
