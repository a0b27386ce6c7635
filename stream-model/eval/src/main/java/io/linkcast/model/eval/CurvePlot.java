package io.linkcast.model.eval;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** A PNG with the ROC curve (left) and the precision-recall curve (right) of several models. */
public final class CurvePlot {
    private static final int MAX_POINTS = 1500;

    private CurvePlot() {
    }

    /**
     * @param title e.g. "link existence, UCI test split"
     * @param prTitle what the PR panel shows, e.g. "precision-recall of the negative class"
     * @param samples per model, in legend order
     * @param flipForPr score the PR curve for the false class (1 - score, labels negated), as for the
     *     negative sign class
     */
    public static void write(Path file, String title, String prTitle, Map<String, ScoredSample> samples,
            boolean flipForPr) throws IOException {
        List<LineChart.Series> roc = new ArrayList<>();
        List<LineChart.Series> pr = new ArrayList<>();
        for (Map.Entry<String, ScoredSample> e : samples.entrySet()) {
            ScoredSample s = e.getValue();
            double[][] r = Curves.thin(Curves.roc(s), MAX_POINTS);
            roc.add(new LineChart.Series(String.format(java.util.Locale.ROOT, "%s (AUC %.3f)", e.getKey(),
                    s.rocAuc()), r[0], r[1]));
            ScoredSample forPr = flipForPr ? flip(s) : s;
            double[][] p = Curves.thin(Curves.precisionRecall(forPr), MAX_POINTS);
            pr.add(new LineChart.Series(String.format(java.util.Locale.ROOT, "%s (AP %.3f)", e.getKey(),
                    forPr.averagePrecision()), p[0], p[1]));
        }
        roc.add(new LineChart.Series("chance", new double[] {0, 1}, new double[] {0, 1}, true));
        double[] unit = {0, 1};
        double[] unitPadded = {0, 1.02};
        LineChart left = new LineChart("ROC, " + title, "false positive rate", "true positive rate", roc, unit,
                unitPadded, true);
        LineChart right = new LineChart(prTitle + ", " + title, "recall", "precision", pr, unit, unitPadded);
        int w = 720;
        int h = 560;
        BufferedImage img = new BufferedImage(2 * w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            left.draw(g, 0, 0, w, h);
            right.draw(g, w, 0, w, h);
        } finally {
            g.dispose();
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    private static ScoredSample flip(ScoredSample s) {
        double[] scores = s.scores();
        boolean[] labels = s.labels();
        for (int i = 0; i < scores.length; i++) {
            scores[i] = 1 - scores[i];
            labels[i] = !labels[i];
        }
        return new ScoredSample(scores, labels);
    }
}
