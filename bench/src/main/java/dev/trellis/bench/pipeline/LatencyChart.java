package dev.trellis.bench.pipeline;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Latency (p50, p99; log scale) against achieved throughput (log scale), for sends and accepts, from the raw CSVs
 * of the 'before' and the 'after' run (bench/results/pipeline-before.csv, pipeline-after.csv): before dashed,
 * after solid. Java2D, headless.
 */
final class LatencyChart {
    record Point(double x, double ms) {
    }

    record Series(String name, Color color, boolean dashed, boolean p99, List<Point> points) {
    }

    /** Redraws results/pipeline.png from whatever CSVs exist. */
    static void redraw(Path results) throws IOException {
        List<Series> series = new ArrayList<>();
        for (String label : List.of("before", "after")) {
            Path csv = results.resolve("pipeline-" + label + ".csv");
            if (Files.exists(csv)) {
                series.addAll(fromCsv(csv, label));
            }
        }
        Path png = results.resolve("pipeline.png");
        write(png, "Trellis write path: latency against achieved throughput (open loop, 2 cores)", series);
        PipelineBench.log("chart: %s", png.toAbsolutePath());
    }

    static List<Series> fromCsv(Path csv, String label) throws IOException {
        Map<String, List<Point>> p50 = new LinkedHashMap<>();
        Map<String, List<Point>> p99 = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(csv);
        String[] head = lines.get(0).split(",");
        Map<String, Integer> col = new LinkedHashMap<>();
        for (int i = 0; i < head.length; i++) {
            col.put(head[i], i);
        }
        for (String l : lines.subList(1, lines.size())) {
            if (l.startsWith("#") || l.isBlank()) {
                continue;
            }
            String[] f = l.split(",");
            String kind = f[col.get("kind")];
            double x = Double.parseDouble(f[col.get("achieved_per_s")]);
            if (x <= 0) {
                continue;
            }
            p50.computeIfAbsent(kind, k -> new ArrayList<>()).add(new Point(x, Double.parseDouble(f[col.get("p50_ms")])));
            p99.computeIfAbsent(kind, k -> new ArrayList<>()).add(new Point(x, Double.parseDouble(f[col.get("p99_ms")])));
            if (kind.equals("accept")) {
                double s = Double.parseDouble(f[col.get("sse_p99_ms")]);
                if (s > 0) {
                    p99.computeIfAbsent("accept -> SSE push", k -> new ArrayList<>()).add(new Point(x, s));
                }
            }
        }
        boolean dashed = label.equals("before");
        List<Series> out = new ArrayList<>();
        Map<String, Color> colors = Map.of("accept", new Color(0xd62728), "send", new Color(0x1f77b4),
                "accept -> SSE push", new Color(0x2ca02c));
        p50.forEach((k, v) -> out.add(new Series(label + " " + k + " HTTP p50", colors.get(k), dashed, false, v)));
        p99.forEach((k, v) -> out.add(new Series(label + " " + k + (k.contains("SSE") ? " p99" : " HTTP p99"),
                colors.get(k), dashed, true, v)));
        return out;
    }

    static void write(Path file, String title, List<Series> series) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int width = 1200;
        int height = 760;
        int left = 90;
        int right = 330;
        int top = 60;
        int bottom = 70;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        double xmin = Double.MAX_VALUE;
        double xmax = 0;
        double ymin = Double.MAX_VALUE;
        double ymax = 0;
        for (Series s : series) {
            for (Point p : s.points()) {
                xmin = Math.min(xmin, p.x());
                xmax = Math.max(xmax, p.x());
                if (p.ms() > 0) {
                    ymin = Math.min(ymin, p.ms());
                    ymax = Math.max(ymax, p.ms());
                }
            }
        }
        if (xmax == 0) {
            xmin = 1;
            xmax = 10_000;
            ymin = 1;
            ymax = 1000;
        }
        int x0 = (int) Math.floor(Math.log10(xmin));
        int x1 = (int) Math.ceil(Math.log10(Math.max(xmax, 10_000)));
        int y0 = (int) Math.floor(Math.log10(Math.max(0.01, ymin)));
        int y1 = (int) Math.ceil(Math.log10(ymax));
        if (x1 == x0) {
            x1++;
        }
        if (y1 == y0) {
            y1++;
        }
        int pw = width - left - right;
        int ph = height - top - bottom;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString(title, left, 32);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int e = x0; e <= x1; e++) {
            for (int m = 1; m < 10; m++) {
                double v = m * Math.pow(10, e);
                if (Math.log10(v) > x1) {
                    break;
                }
                int x = left + (int) ((Math.log10(v) - x0) / (x1 - x0) * pw);
                g.setColor(m == 1 ? new Color(0xcccccc) : new Color(0xeeeeee));
                g.drawLine(x, top, x, top + ph);
                if (m == 1 || m == 2 || m == 5) {
                    g.setColor(Color.DARK_GRAY);
                    String s = fmt(v);
                    g.drawString(s, x - g.getFontMetrics().stringWidth(s) / 2, top + ph + 18);
                }
            }
        }
        for (int e = y0; e <= y1; e++) {
            for (int m = 1; m < 10; m++) {
                double v = m * Math.pow(10, e);
                if (Math.log10(v) > y1) {
                    break;
                }
                int y = top + ph - (int) ((Math.log10(v) - y0) / (y1 - y0) * ph);
                g.setColor(m == 1 ? new Color(0xcccccc) : new Color(0xeeeeee));
                g.drawLine(left, y, left + pw, y);
                if (m == 1 || m == 2 || m == 5) {
                    g.setColor(Color.DARK_GRAY);
                    String s = fmt(v) + " ms";
                    g.drawString(s, left - 8 - g.getFontMetrics().stringWidth(s), y + 4);
                }
            }
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, pw, ph);
        g.drawString("achieved throughput (requests/s, log scale)", left + pw / 2 - 120, height - 25);
        g.drawString("latency (log)", 10, top - 10);
        // the goal line: 5,000 accepts/s
        int gx = left + (int) ((Math.log10(5000) - x0) / (x1 - x0) * pw);
        if (Math.log10(5000) <= x1) {
            g.setColor(new Color(0x999999));
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{2f, 4f}, 0f));
            g.drawLine(gx, top, gx, top + ph);
            g.drawString("goal 5,000/s", gx + 4, top + 14);
        }
        int ly = top + 10;
        for (Series s : series) {
            Stroke stroke = s.dashed()
                    ? new BasicStroke(s.p99() ? 2.5f : 1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[]{8f, 5f}, 0f)
                    : new BasicStroke(s.p99() ? 2.5f : 1.5f);
            Color c = s.p99() ? s.color() : s.color().brighter();
            g.setColor(c);
            g.setStroke(stroke);
            int px = -1;
            int py = -1;
            for (Point p : s.points()) {
                int x = left + (int) ((Math.log10(p.x()) - x0) / (x1 - x0) * pw);
                int y = top + ph - (int) ((Math.log10(Math.max(Math.pow(10, y0), p.ms())) - y0) / (y1 - y0) * ph);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                g.fillOval(x - 4, y - 4, 8, 8);
                px = x;
                py = y;
            }
            g.drawLine(left + pw + 20, ly - 4, left + pw + 60, ly - 4);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(1f));
            g.drawString(s.name(), left + pw + 68, ly);
            ly += 20;
        }
        g.setColor(Color.DARK_GRAY);
        g.drawString("dashed: before, solid: after", left + pw + 20, ly + 10);
        g.drawString("HTTP latency from the scheduled time", left + pw + 20, ly + 28);
        g.drawString("(open loop, corrected for coordinated", left + pw + 20, ly + 44);
        g.drawString("omission); SSE: accept answer -> push", left + pw + 20, ly + 60);
        g.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    private static String fmt(double v) {
        if (v >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (v >= 1) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "");
    }

    private LatencyChart() {
    }
}
