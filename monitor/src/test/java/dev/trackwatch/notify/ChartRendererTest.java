package dev.trackwatch.notify;

import dev.trackwatch.notify.ChartSeries.Point;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChartRendererTest {

    private static final Instant START = Instant.parse("2026-03-10T00:00:00Z");

    private final ChartRenderer renderer = new ChartRenderer();

    /** Hourly buckets at 100 with a 90–110 band; the given buckets drop to 40 and are flagged anomalous. */
    static ChartSeries dropAt(Set<Integer> anomalous, int buckets) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < buckets; i++) {
            boolean bad = anomalous.contains(i);
            points.add(new Point(START.plus(Duration.ofHours(i)), bad ? 40.0 : 100.0 + (i % 3), 100.0, 90.0, 110.0,
                    bad));
        }
        return new ChartSeries("checkout events per hour", points);
    }

    @Test
    void rendersADecodablePngOfTheFixedSize() throws IOException {
        byte[] png = renderer.render(dropAt(Set.of(16, 17), 24));

        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage image = decode(png);
        assertThat(image.getWidth()).isEqualTo(ChartRenderer.WIDTH).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(ChartRenderer.HEIGHT).isEqualTo(300);
    }

    @Test
    void anAnomalousBucketIsMarkedInAnotherColourThanTheLine() throws IOException {
        // Both charts flag bucket 5, so their legends are identical; only bucket 16's flag differs,
        // so the pixels that differ are exactly bucket 16's marker.
        BufferedImage marked = decode(renderer.render(dropAt(Set.of(5, 16), 24)));
        BufferedImage unmarked = decode(renderer.render(dropAtButFlag(Set.of(5, 16), Set.of(5), 24)));

        Rectangle diff = differingPixels(marked, unmarked);
        assertThat(diff.isEmpty()).as("the marker changes some pixels").isFalse();
        assertThat(diff.width).as("one marker, not a whole region").isBetween(4, 16);
        assertThat(diff.height).isBetween(4, 16);
        // Bucket 16 of 0..23 sits in the right part of the plot.
        assertThat(diff.getCenterX()).isBetween(0.55 * 800, 0.95 * 800);

        // Where the unmarked chart shows the line inside the marker's box, the marked chart shows red.
        int linePixels = 0;
        for (int y = diff.y; y < diff.y + diff.height; y++) {
            for (int x = diff.x; x < diff.x + diff.width; x++) {
                if (distance(new Color(unmarked.getRGB(x, y)), ChartRenderer.LINE) < 20) {
                    linePixels++;
                    // Edge pixels of the marker are anti-aliased blends, hence the tolerance.
                    assertThat(distance(new Color(marked.getRGB(x, y)), ChartRenderer.ANOMALY))
                            .as("pixel %d,%d under the marker", x, y).isLessThan(80);
                }
            }
        }
        assertThat(linePixels).as("the line runs through the anomalous point").isGreaterThan(5);
    }

    @Test
    void theBandIsShadedOnlyWhereBoundsExist() throws IOException {
        BufferedImage banded = decode(renderer.render(dropAt(Set.of(), 24)));
        List<Point> unbounded = dropAt(Set.of(), 24).points().stream()
                .map(p -> new Point(p.bucket(), p.value(), null, null, null, false)).toList();
        BufferedImage plain = decode(renderer.render(new ChartSeries("no baseline", unbounded)));

        // The band covers a large area (most of the plot's height between 90 and 110 over 23 hours).
        assertThat(countNear(banded, ChartRenderer.BAND, 10)).isGreaterThan(20_000);
        assertThat(countNear(plain, ChartRenderer.BAND, 10)).isZero();
        assertThat(countNear(plain, ChartRenderer.ANOMALY, 40)).isZero();
    }

    @Test
    void theSameSeriesGivesTheSameBytes() {
        ChartSeries series = dropAt(Set.of(3), 12);
        assertThat(renderer.render(series)).isEqualTo(renderer.render(series));
    }

    @Test
    void gapsAndASingleBucketStillRender() throws IOException {
        List<Point> gappy = new ArrayList<>(dropAt(Set.of(7), 10).points());
        Point hole = gappy.get(4);
        gappy.set(4, new Point(hole.bucket(), null, null, null, null, false));
        assertThat(decode(renderer.render(new ChartSeries("gappy", gappy))).getWidth()).isEqualTo(800);

        ChartSeries single = new ChartSeries("one", List.of(new Point(START, 5.0, 5.0, 4.0, 6.0, true)));
        assertThat(decode(renderer.render(single)).getHeight()).isEqualTo(300);
    }

    @Test
    void aSeriesWithoutAnyValueIsRefused() {
        ChartSeries empty = new ChartSeries("nothing", List.of(new Point(START, null, null, null, null, false)));
        assertThatThrownBy(() -> renderer.render(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no value");
    }

    private static ChartSeries dropAtButFlag(Set<Integer> dropped, Set<Integer> flagged, int buckets) {
        List<Point> points = dropAt(dropped, buckets).points().stream()
                .map(p -> new Point(p.bucket(), p.value(), p.expected(), p.lower(), p.upper(),
                        flagged.contains((int) Duration.between(START, p.bucket()).toHours())))
                .toList();
        return new ChartSeries("checkout events per hour", points);
    }

    static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("ImageIO decodes the PNG").isNotNull();
        return image;
    }

    private static Rectangle differingPixels(BufferedImage a, BufferedImage b) {
        Rectangle box = new Rectangle();
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    box = box.isEmpty() ? new Rectangle(x, y, 1, 1) : box.union(new Rectangle(x, y, 1, 1));
                }
            }
        }
        return box;
    }

    private static long countNear(BufferedImage image, Color colour, int tolerance) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (distance(new Color(image.getRGB(x, y)), colour) < tolerance) {
                    n++;
                }
            }
        }
        return n;
    }

    private static int distance(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen())
                + Math.abs(a.getBlue() - b.getBlue());
    }
}
