package dev.trellis.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** A grouped, log-scale latency bar chart drawn with Java2D (headless) and written as PNG. */
final class Chart {
    /** One group: a query with its p50/p99 in nanoseconds (-1 = not measured) and an optional target. */
    record Group(String label, long indexP50, long indexP99, long sqlP50, long sqlP99, long targetNanos) {
    }

    private static final Color[] COLORS = {
            new Color(0x9ecae1), new Color(0x3182bd), new Color(0xfdae6b), new Color(0xe6550d)};
    private static final String[] SERIES = {"index p50", "index p99", "PostgreSQL p50", "PostgreSQL p99"};

    static void write(File file, String title, List<Group> groups) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int width = 1400;
        int height = 720;
        int left = 90;
        int right = 30;
        int top = 70;
        int bottom = 150;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);

        long min = Long.MAX_VALUE;
        long max = 1;
        for (Group gr : groups) {
            for (long v : new long[]{gr.indexP50, gr.indexP99, gr.sqlP50, gr.sqlP99, gr.targetNanos}) {
                if (v > 0) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        int loExp = (int) Math.floor(Math.log10(Math.max(1, min)));
        int hiExp = (int) Math.ceil(Math.log10(max));
        if (hiExp == loExp) {
            hiExp++;
        }
        int plotH = height - top - bottom;
        int plotW = width - left - right;

        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
        g.drawString(title, left, 35);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics fm = g.getFontMetrics();
        // grid + y labels
        for (int e = loExp; e <= hiExp; e++) {
            int y = top + plotH - (int) ((double) (e - loExp) / (hiExp - loExp) * plotH);
            g.setColor(new Color(0xdddddd));
            g.drawLine(left, y, left + plotW, y);
            g.setColor(Color.DARK_GRAY);
            String label = nanos((long) Math.pow(10, e));
            g.drawString(label, left - 8 - fm.stringWidth(label), y + 5);
        }
        g.setColor(Color.BLACK);
        g.drawLine(left, top, left, top + plotH);
        g.drawLine(left, top + plotH, left + plotW, top + plotH);

        int groupW = plotW / Math.max(1, groups.size());
        int barW = Math.max(6, (groupW - 30) / 4);
        for (int i = 0; i < groups.size(); i++) {
            Group gr = groups.get(i);
            int x0 = left + i * groupW + (groupW - 4 * barW) / 2;
            long[] vals = {gr.indexP50, gr.indexP99, gr.sqlP50, gr.sqlP99};
            for (int s = 0; s < 4; s++) {
                if (vals[s] <= 0) {
                    continue;
                }
                int y = yOf(vals[s], loExp, hiExp, top, plotH);
                g.setColor(COLORS[s]);
                g.fillRect(x0 + s * barW, y, barW - 2, top + plotH - y);
                g.setColor(Color.DARK_GRAY);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
                String v = nanos(vals[s]);
                FontMetrics f2 = g.getFontMetrics();
                g.drawString(v, x0 + s * barW + (barW - 2 - f2.stringWidth(v)) / 2, y - 3);
            }
            if (gr.targetNanos > 0) {
                int y = yOf(gr.targetNanos, loExp, hiExp, top, plotH);
                g.setColor(new Color(0xd62728));
                g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f));
                g.drawLine(x0 - 4, y, x0 + 4 * barW + 2, y);
                g.setStroke(new BasicStroke(1f));
            }
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            FontMetrics f3 = g.getFontMetrics();
            int ly = top + plotH + 18;
            for (String line : gr.label.split("\n")) {
                g.drawString(line, left + i * groupW + (groupW - f3.stringWidth(line)) / 2, ly);
                ly += 15;
            }
        }
        // legend
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int lx = left;
        int ly = height - 30;
        for (int s = 0; s < 4; s++) {
            g.setColor(COLORS[s]);
            g.fillRect(lx, ly - 11, 14, 14);
            g.setColor(Color.BLACK);
            g.drawString(SERIES[s], lx + 20, ly);
            lx += 40 + g.getFontMetrics().stringWidth(SERIES[s]);
        }
        g.setColor(new Color(0xd62728));
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f));
        g.drawLine(lx, ly - 4, lx + 24, ly - 4);
        g.setColor(Color.BLACK);
        g.drawString("index p99 target", lx + 30, ly);
        g.drawString("latency, log scale", width - 200, ly);
        g.dispose();
        file.getParentFile().mkdirs();
        ImageIO.write(img, "png", file);
    }

    private static int yOf(long v, int loExp, int hiExp, int top, int plotH) {
        double f = (Math.log10(Math.max(1, v)) - loExp) / (hiExp - loExp);
        return top + plotH - (int) (Math.max(0, Math.min(1, f)) * plotH);
    }

    static String nanos(long ns) {
        if (ns < 1_000) {
            return ns + " ns";
        }
        if (ns < 1_000_000) {
            return trim(ns / 1e3) + " us";
        }
        if (ns < 1_000_000_000) {
            return trim(ns / 1e6) + " ms";
        }
        return trim(ns / 1e9) + " s";
    }

    private static String trim(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : v >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
