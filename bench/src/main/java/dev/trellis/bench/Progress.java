package dev.trellis.bench;

import java.io.PrintStream;
import java.util.Locale;

/** A text progress bar on stderr, redrawn at most four times a second. */
public final class Progress {
    private static final int WIDTH = 30;
    private final PrintStream out = System.err;
    private final String label;
    private final long total;
    private final long started = System.nanoTime();
    private long lastDraw;

    public Progress(String label, long total) {
        this.label = label;
        this.total = Math.max(1, total);
        draw(0);
    }

    public void update(long done) {
        long now = System.nanoTime();
        if (now - lastDraw > 250_000_000L) {
            lastDraw = now;
            draw(done);
        }
    }

    public void done() {
        draw(total);
        out.println();
    }

    private void draw(long done) {
        double f = Math.min(1.0, (double) done / total);
        int filled = (int) (f * WIDTH);
        double secs = (System.nanoTime() - started) / 1e9;
        String eta = f > 0.01 && f < 1 ? String.format(Locale.ROOT, " eta %s", clock(secs / f - secs)) : "";
        out.printf(Locale.ROOT, "\r  %-28s [%s%s] %3d%%  %s/%s  %s%s   ", label, "#".repeat(filled),
                "-".repeat(WIDTH - filled), (int) (f * 100), human(done), human(total), clock(secs), eta);
        out.flush();
    }

    static String clock(double secs) {
        long s = (long) secs;
        return String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }

    static String human(long v) {
        if (v >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1fM", v / 1e6);
        }
        if (v >= 10_000) {
            return String.format(Locale.ROOT, "%.0fk", v / 1e3);
        }
        return Long.toString(v);
    }
}
