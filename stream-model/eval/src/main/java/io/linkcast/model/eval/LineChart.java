package io.linkcast.model.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * A plain line chart drawn with Java2D (works headless: {@code -Djava.awt.headless=true}): title, axes with
 * ticks, one coloured line per series, a legend. Used for ROC and PR curves and for training curves
 * (loss or validation AP per epoch).
 *
 * <pre>{@code
 * new LineChart("NAT on UCI", "epoch", "AP",
 *         List.of(new LineChart.Series("train", epochs, trainAp), new LineChart.Series("val", epochs, valAp)))
 *         .writePng(Path.of("curves.png"), 800, 500);
 * }</pre>
 */
public final class LineChart {
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf),
    };

    /**
     * One line: points (x[i], y[i]) joined in order; NaN points are skipped.
     *
     * @param dashed drawn dashed and grey (a reference line such as chance level)
     */
    public record Series(String name, double[] x, double[] y, boolean dashed) {
        public Series {
            Objects.requireNonNull(name, "name");
            if (x.length != y.length) {
                throw new IllegalArgumentException("series " + name + ": x and y differ in length: " + x.length + "/"
                        + y.length);
            }
            x = x.clone();
            y = y.clone();
        }

        public Series(String name, double[] x, double[] y) {
            this(name, x, y, false);
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        @Override
        public double[] y() {
            return y.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Series s && name.equals(s.name) && dashed == s.dashed && Arrays.equals(x, s.x)
                    && Arrays.equals(y, s.y);
        }

        @Override
        public int hashCode() {
            return name.hashCode() + 31 * (Arrays.hashCode(x) + 31 * Arrays.hashCode(y));
        }

        @Override
        public String toString() {
            return "Series[" + name + ", " + x.length + " points]";
        }
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series;
    private final double[] xRange;
    private final double[] yRange;
    private final boolean legendBottom;

    /** Axes span the data. */
    public LineChart(String title, String xLabel, String yLabel, List<Series> series) {
        this(title, xLabel, yLabel, series, null, null);
    }

    /**
     * @param xRange {min, max} of the x axis, or null to span the data
     * @param yRange {min, max} of the y axis, or null to span the data
     */
    public LineChart(String title, String xLabel, String yLabel, List<Series> series, double[] xRange,
            double[] yRange) {
        this(title, xLabel, yLabel, series, xRange, yRange, false);
    }

    /**
     * @param legendBottom put the legend in the bottom-right corner (where a ROC curve leaves room) instead
     *     of the top-right one
     */
    public LineChart(String title, String xLabel, String yLabel, List<Series> series, double[] xRange,
            double[] yRange, boolean legendBottom) {
        this.legendBottom = legendBottom;
        this.title = Objects.requireNonNull(title, "title");
        this.xLabel = Objects.requireNonNull(xLabel, "xLabel");
        this.yLabel = Objects.requireNonNull(yLabel, "yLabel");
        this.series = List.copyOf(series);
        this.xRange = xRange != null ? checkRange(xRange.clone(), "x") : span(true);
        this.yRange = yRange != null ? checkRange(yRange.clone(), "y") : span(false);
    }

    public BufferedImage render(int width, int height) {
        if (width < 200 || height < 150) {
            throw new IllegalArgumentException("chart needs at least 200 x 150 pixels, got " + width + " x " + height);
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            draw(g, 0, 0, width, height);
        } finally {
            g.dispose();
        }
        return img;
    }

    public void writePng(Path file, int width, int height) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(render(width, height), "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    /** Draws the chart into the rectangle (left, top, width, height) of {@code g}. */
    public void draw(Graphics2D g, int left, int top, int width, int height) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(left, top, width, height);
        Font base = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        g.setFont(base.deriveFont(Font.BOLD, 15f));
        FontMetrics tfm = g.getFontMetrics();
        g.setColor(Color.BLACK);
        g.drawString(title, left + (width - tfm.stringWidth(title)) / 2, top + tfm.getAscent() + 8);

        g.setFont(base);
        FontMetrics fm = g.getFontMetrics();
        int px = left + 70;
        int py = top + tfm.getHeight() + 18;
        int pw = width - 70 - 20;
        int ph = height - (py - top) - 55;

        double[] xt = ticks(xRange[0], xRange[1]);
        double[] yt = ticks(yRange[0], yRange[1]);
        g.setStroke(new BasicStroke(1f));
        for (double v : xt) {
            int sx = sx(v, px, pw);
            g.setColor(new Color(0xe6e6e6));
            g.drawLine(sx, py, sx, py + ph);
            g.setColor(Color.DARK_GRAY);
            String s = format(v, xt);
            g.drawString(s, sx - fm.stringWidth(s) / 2, py + ph + fm.getAscent() + 4);
        }
        for (double v : yt) {
            int sy = sy(v, py, ph);
            g.setColor(new Color(0xe6e6e6));
            g.drawLine(px, sy, px + pw, sy);
            g.setColor(Color.DARK_GRAY);
            String s = format(v, yt);
            g.drawString(s, px - fm.stringWidth(s) - 6, sy + fm.getAscent() / 2 - 1);
        }
        g.setColor(Color.BLACK);
        g.drawRect(px, py, pw, ph);
        g.drawString(xLabel, px + (pw - fm.stringWidth(xLabel)) / 2, py + ph + 2 * fm.getHeight() + 8);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString(yLabel, -(py + (ph + fm.stringWidth(yLabel)) / 2), left + fm.getAscent() + 6);
        rotated.dispose();

        Graphics2D clip = (Graphics2D) g.create();
        clip.clipRect(px, py, pw + 1, ph + 1);
        int colour = 0;
        Color[] colours = new Color[series.size()];
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            colours[k] = s.dashed ? Color.GRAY : PALETTE[colour++ % PALETTE.length];
            clip.setColor(colours[k]);
            clip.setStroke(s.dashed ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
                    new float[] {6f, 5f}, 0f) : new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            Path2D.Double path = new Path2D.Double();
            boolean pen = false;
            for (int i = 0; i < s.x.length; i++) {
                if (Double.isNaN(s.x[i]) || Double.isNaN(s.y[i])) {
                    pen = false;
                    continue;
                }
                double X = px + (s.x[i] - xRange[0]) / (xRange[1] - xRange[0]) * pw;
                double Y = py + ph - (s.y[i] - yRange[0]) / (yRange[1] - yRange[0]) * ph;
                if (pen) {
                    path.lineTo(X, Y);
                } else {
                    path.moveTo(X, Y);
                    pen = true;
                }
            }
            if (s.x.length == 1) {
                int X = sx(s.x[0], px, pw);
                int Y = sy(s.y[0], py, ph);
                clip.fillOval(X - 3, Y - 3, 7, 7);
            }
            clip.draw(path);
        }
        clip.dispose();

        // legend, top-right (or bottom-right) inside the plot
        int lw = 0;
        for (Series s : series) {
            lw = Math.max(lw, fm.stringWidth(s.name));
        }
        int boxW = lw + 42;
        int boxH = series.size() * (fm.getHeight() + 2) + 8;
        int bx = px + pw - boxW - 8;
        int by = legendBottom ? py + ph - boxH - 8 : py + 8;
        if (!series.isEmpty()) {
            g.setColor(new Color(255, 255, 255, 225));
            g.fillRect(bx, by, boxW, boxH);
            g.setColor(Color.LIGHT_GRAY);
            g.drawRect(bx, by, boxW, boxH);
            for (int k = 0; k < series.size(); k++) {
                int ly = by + 6 + k * (fm.getHeight() + 2) + fm.getAscent();
                g.setColor(colours[k]);
                g.setStroke(new BasicStroke(3f));
                g.drawLine(bx + 6, ly - fm.getAscent() / 2 + 1, bx + 28, ly - fm.getAscent() / 2 + 1);
                g.setColor(Color.BLACK);
                g.drawString(series.get(k).name, bx + 34, ly);
            }
        }
    }

    private int sx(double v, int px, int pw) {
        return (int) Math.round(px + (v - xRange[0]) / (xRange[1] - xRange[0]) * pw);
    }

    private int sy(double v, int py, int ph) {
        return (int) Math.round(py + ph - (v - yRange[0]) / (yRange[1] - yRange[0]) * ph);
    }

    private double[] span(boolean xAxis) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : xAxis ? s.x : s.y) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            return new double[] {0, 1};
        }
        if (lo == hi) {
            return new double[] {lo - 0.5, hi + 0.5};
        }
        if (!xAxis) {
            double pad = (hi - lo) * 0.05;
            return new double[] {lo - pad, hi + pad};
        }
        return new double[] {lo, hi};
    }

    private static double[] checkRange(double[] r, String axis) {
        if (r.length != 2 || !(r[0] < r[1]) || !Double.isFinite(r[0]) || !Double.isFinite(r[1])) {
            throw new IllegalArgumentException(axis + " range must be {min, max} with min < max, got "
                    + Arrays.toString(r));
        }
        return r;
    }

    /** About five "nice" ticks (1, 2 or 5 times a power of ten) inside [lo, hi]. */
    static double[] ticks(double lo, double hi) {
        double raw = (hi - lo) / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double norm = raw / mag;
        double step = (norm < 1.5 ? 1 : norm < 3.5 ? 2 : norm < 7.5 ? 5 : 10) * mag;
        double first = Math.ceil(lo / step - 1e-9) * step;
        int n = (int) Math.floor((hi - first) / step + 1e-9) + 1;
        double[] t = new double[Math.max(n, 0)];
        for (int i = 0; i < t.length; i++) {
            t[i] = first + i * step;
        }
        return t;
    }

    private static String format(double v, double[] ticks) {
        double step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        return String.format(Locale.ROOT, "%." + Math.min(decimals, 6) + "f", Math.abs(v) < step * 1e-9 ? 0 : v);
    }
}
