package io.linkcast.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineChartTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void shouldPickNiceTicks() {
        assertThat(LineChart.ticks(0, 1)).containsExactly(0, 0.2, 0.4, 0.6000000000000001, 0.8, 1);
        assertThat(LineChart.ticks(3, 47)).containsExactly(10, 20, 30, 40);
    }

    @Test
    void shouldDrawEverySeriesInItsColour(@TempDir Path dir) throws Exception {
        LineChart chart = new LineChart("training", "epoch", "AP", List.of(
                new LineChart.Series("train", new double[] {1, 2, 3, 4}, new double[] {0.6, 0.7, 0.8, 0.85}),
                new LineChart.Series("val", new double[] {1, 2, 3, 4}, new double[] {0.55, 0.62, 0.66, 0.65})));
        Path png = dir.resolve("sub/curves.png");
        chart.writePng(png, 640, 400);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(640);
        assertThat(img.getHeight()).isEqualTo(400);
        assertThat(count(img, 0x1f77b4)).isGreaterThan(200); // first palette colour: train
        assertThat(count(img, 0xd62728)).isGreaterThan(200); // second: val
        assertThat(count(img, 0x2ca02c)).isZero(); // no third series
    }

    @Test
    void shouldWriteRocAndPrPanelsSideBySide(@TempDir Path dir) throws Exception {
        Map<String, ScoredSample> samples = new LinkedHashMap<>();
        samples.put("m", new ScoredSample(new double[] {0.9, 0.8, 0.3, 0.1}, new boolean[] {true, false, true, false}));
        Path png = dir.resolve("roc.png");
        CurvePlot.write(png, "test", "precision-recall", samples, false);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(2 * img.getHeight() * 720 / 560);
        assertThat(count(img, 0x1f77b4)).isGreaterThan(200);
    }

    @Test
    void shouldRejectMismatchedSeries() {
        assertThatThrownBy(() -> new LineChart.Series("s", new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ in length");
    }

    private static int count(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
