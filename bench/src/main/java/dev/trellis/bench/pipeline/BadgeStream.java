package dev.trellis.bench.pipeline;

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

/**
 * One inviter's open GET /badges/stream (Server-Sent Events, bearer token), read on a thread of its own. Every
 * 'badges' event's myNetwork count goes to the listener with the time it arrived (System.nanoTime()).
 */
final class BadgeStream {
    interface Listener {
        void onBadges(BadgeStream stream, long myNetwork, long arrivedNanos);
    }

    final int memberIdx;
    private final InputStream body;
    private final Listener listener;
    volatile long myNetwork = -1;
    private volatile boolean closed;

    private BadgeStream(int memberIdx, InputStream body, Listener listener) {
        this.memberIdx = memberIdx;
        this.body = body;
        this.listener = listener;
        Thread t = new Thread(this::read, "sse-" + memberIdx);
        t.setDaemon(true);
        t.start();
    }

    static BadgeStream open(HttpClient http, String url, String token, int memberIdx, Listener listener)
            throws IOException, InterruptedException {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream")
                        .timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            String text = new String(r.body().readAllBytes(), StandardCharsets.UTF_8);
            throw new IllegalStateException("badge stream -> " + r.statusCode() + " " + text);
        }
        return new BadgeStream(memberIdx, r.body(), listener);
    }

    /** Waits for the counts sent on connect. */
    boolean awaitFirst(long timeoutMs) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        while (myNetwork < 0 && System.currentTimeMillis() < end) {
            Thread.sleep(5);
        }
        return myNetwork >= 0;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            String data = null;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("data:")) {
                    data = line.substring(5).strip();
                } else if (line.isEmpty() && data != null) {
                    long now = System.nanoTime();
                    long n = Api.numOr(data, "myNetwork");
                    data = null;
                    if (n >= 0) {
                        myNetwork = n;
                        listener.onBadges(this, n, now);
                    }
                }
            }
        } catch (IOException e) {
            // closed
        }
        if (!closed) {
            PipelineBench.log("badge stream of member %d ended", memberIdx);
        }
    }

    void close() {
        closed = true;
        try {
            body.close();
        } catch (IOException ignored) {
            // gone
        }
    }
}
