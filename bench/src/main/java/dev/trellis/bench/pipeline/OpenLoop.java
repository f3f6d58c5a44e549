package dev.trellis.bench.pipeline;

import dev.trellis.bench.Progress;
import org.HdrHistogram.Histogram;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop driver: request i is due at start + i/rate, whatever the answers do. Its latency is measured from
 * that due time (corrected for coordinated omission: a request the scheduler sends late, because the bench fell
 * behind, still counts from when it was due). When {@code maxOutstanding} requests are unanswered, a due request
 * is dropped and counted, never queued.
 */
final class OpenLoop {
    /** What to send at slot i (due at {@code dueNanos}), or null when there is no work left for it. */
    interface Slots {
        Job next(int i, long dueNanos);
    }

    interface Done {
        void done(HttpResponse<String> response, long completedNanos);
    }

    record Job(HttpRequest request, Done onResponse, Runnable onFailure) {
    }

    static final class Stats {
        final String kind;
        final double offered;
        final int seconds;
        final Histogram ok = new Histogram(3_600_000_000L, 3); // micros
        final Map<String, Integer> statuses = new TreeMap<>();
        long scheduled;
        long sent;
        long okCount;
        long okInWindow;
        long dropped;
        long late;
        long noWork;
        long unanswered;
        double windowSeconds;

        Stats(String kind, double offered, int seconds) {
            this.kind = kind;
            this.offered = offered;
            this.seconds = seconds;
        }

        double achieved() {
            return okInWindow / windowSeconds;
        }

        long errors() {
            return statuses.entrySet().stream().filter(e -> !e.getKey().startsWith("2")).mapToLong(Map.Entry::getValue)
                    .sum();
        }

        synchronized void status(String s) {
            statuses.merge(s, 1, Integer::sum);
        }

        String errorText() {
            StringBuilder b = new StringBuilder();
            statuses.forEach((k, v) -> {
                if (!k.startsWith("2")) {
                    b.append(b.length() == 0 ? "" : ", ").append(k).append(": ").append(v);
                }
            });
            return b.length() == 0 ? "none" : b.toString();
        }
    }

    static Stats run(HttpClient http, String kind, double rate, int seconds, int maxOutstanding, long drainSeconds,
                     Slots slots) {
        Stats st = new Stats(kind, rate, seconds);
        int n = (int) Math.round(rate * seconds);
        st.scheduled = n;
        AtomicInteger outstanding = new AtomicInteger();
        AtomicLong completed = new AtomicLong();
        Progress bar = new Progress(String.format(java.util.Locale.ROOT, "%s %.0f/s", kind, rate), n);
        long start = System.nanoTime() + 20_000_000L;
        long end = start + seconds * 1_000_000_000L;
        double period = 1e9 / rate;
        for (int i = 0; i < n; i++) {
            long due = start + (long) (i * period);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (System.nanoTime() - due > 10_000_000L) {
                st.late++;
            }
            if (outstanding.get() >= maxOutstanding) {
                st.dropped++;
                completed.incrementAndGet();
                continue;
            }
            Job job = slots.next(i, due);
            if (job == null) {
                st.noWork++;
                completed.incrementAndGet();
                continue;
            }
            outstanding.incrementAndGet();
            st.sent++;
            http.sendAsync(job.request(), HttpResponse.BodyHandlers.ofString()).whenComplete((r, ex) -> {
                long now = System.nanoTime();
                try {
                    if (ex != null) {
                        Throwable c = ex instanceof CompletionException && ex.getCause() != null ? ex.getCause() : ex;
                        st.status(c instanceof HttpTimeoutException ? "timeout" : "io:" + c.getClass().getSimpleName());
                        job.onFailure().run();
                    } else {
                        int code = r.statusCode();
                        st.status(Integer.toString(code));
                        if (code / 100 == 2) {
                            synchronized (st) {
                                st.okCount++;
                                if (now <= end) {
                                    st.okInWindow++;
                                }
                                st.ok.recordValue(Math.max(1, (now - due) / 1_000));
                            }
                        }
                        job.onResponse().done(r, now);
                    }
                } catch (RuntimeException e) {
                    PipelineBench.log("callback failed: %s", e);
                } finally {
                    outstanding.decrementAndGet();
                    completed.incrementAndGet();
                }
            });
            bar.update(completed.get());
        }
        long drainUntil = Math.max(end, System.nanoTime()) + drainSeconds * 1_000_000_000L;
        while (outstanding.get() > 0 && System.nanoTime() < drainUntil) {
            bar.update(completed.get());
            LockSupport.parkNanos(20_000_000L);
        }
        st.unanswered = outstanding.get();
        st.windowSeconds = seconds;
        bar.done();
        return st;
    }

    private OpenLoop() {
    }
}
