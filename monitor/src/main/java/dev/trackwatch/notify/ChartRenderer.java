package dev.trackwatch.notify;

import dev.trackwatch.notify.ChartSeries.Point;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import java.util.function.Function;

/**
 * Renders a {@link ChartSeries} to a PNG of a fixed size ({@value #WIDTH}x{@value #HEIGHT}): the
 * baseline band shaded, the expected value dashed, the observed value as a line and every anomalous
 * bucket marked with a red dot. Rendering is headless (no display is ever needed) and deterministic:
 * the same series always gives the same bytes.
 *
 * <p>Charts are drawn with XChart (Apache-2.0), which has no mandatory dependencies; its optional
 * PDF/SVG/GIF/LaTeX dependencies are not used and not on the class path.
 */
public final class ChartRenderer {

    /** Width of every chart in pixels. */
    public static final int WIDTH = 800;
    /** Height of every chart in pixels. */
    public static final int HEIGHT = 300;

    static final Color LINE = new Color(0x1F, 0x4E, 0x79);
    static final Color EXPECTED = new Color(0x59, 0x59, 0x59);
    static final Color BAND = new Color(0xC6, 0xDB, 0xEF);
    static final Color ANOMALY = new Color(0xD6, 0x27, 0x28);
    private static final Color GRID = new Color(0xE6, 0xE6, 0xE6);

    static {
        // A server has no display; without this, AWT may try to reach an X server and fail.
        // An explicit -Djava.awt.headless setting wins.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /**
     * Renders the series.
     *
     * @return the PNG bytes
     * @throws IllegalArgumentException when the series has no finite value at all (nothing to draw)
     */
    @SuppressWarnings("deprecation") // xchart's replacement needs a file; this encodes to memory
    public byte[] render(ChartSeries series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(series.metric()).build();
        style(chart.getStyler());
        List<Date> x = series.points().stream().map(p -> Date.from(p.bucket())).toList();
        int drawn = addBand(chart, series.points());
        drawn += addLine(chart, "expected", x, values(series, Point::expected), EXPECTED,
                new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f));
        drawn += addLine(chart, "observed", x, values(series, Point::value), LINE,
                new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        if (drawn == 0) {
            throw new IllegalArgumentException("the series '" + series.metric() + "' has no value to draw");
        }
        addAnomalies(chart, series.points());
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            // Encoding to memory does no I/O that can fail; this would be a bug in the encoder.
            throw new UncheckedIOException(e);
        }
    }

    private static void style(XYStyler styler) {
        Font base = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        styler.setBaseFont(base);
        styler.setChartTitleFont(base.deriveFont(Font.BOLD, 13f));
        styler.setLegendFont(base);
        styler.setAxisTickLabelsFont(base);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setPlotGridLinesColor(GRID);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setMarkerSize(10);
        styler.setAntiAlias(true);
        // Bucket times are shown in UTC like everywhere else in Trackwatch, whatever the server's zone.
        styler.setTimezone(TimeZone.getTimeZone("UTC"));
        styler.setDatePattern("MM-dd HH:mm");
        styler.setYAxisDecimalPattern("#,##0.###");
    }

    /** Adds one shaded polygon per run of consecutive buckets that have both bounds; returns how many. */
    private static int addBand(XYChart chart, List<Point> points) {
        int bands = 0;
        int start = -1;
        for (int i = 0; i <= points.size(); i++) {
            boolean bounded = i < points.size() && points.get(i).lower() != null && points.get(i).upper() != null;
            if (bounded && start < 0) {
                start = i;
            } else if (!bounded && start >= 0) {
                // A polygon needs two buckets; a lone bounded bucket between gaps has no width to shade.
                if (i - start >= 2) {
                    addBandPolygon(chart, points.subList(start, i), bands++);
                }
                start = -1;
            }
        }
        return bands;
    }

    private static void addBandPolygon(XYChart chart, List<Point> run, int index) {
        // Upper bound left to right, then the lower bound back: XChart closes and fills the outline.
        List<Date> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (Point p : run) {
            x.add(Date.from(p.bucket()));
            y.add(p.upper());
        }
        for (Point p : run.reversed()) {
            x.add(Date.from(p.bucket()));
            y.add(p.lower());
        }
        XYSeries band = chart.addSeries(index == 0 ? "expected band" : "expected band " + (index + 1), x, y);
        band.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
        band.setFillColor(BAND);
        band.setLineColor(BAND);
        band.setMarker(SeriesMarkers.NONE);
        band.setShowInLegend(index == 0);
    }

    private static int addLine(XYChart chart, String name, List<Date> x, List<Double> y, Color color,
                               BasicStroke stroke) {
        if (y.stream().noneMatch(Double::isFinite)) {
            return 0;
        }
        XYSeries line = chart.addSeries(name, x, y);
        line.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        line.setLineColor(color);
        line.setLineStyle(stroke);
        line.setMarker(SeriesMarkers.NONE);
        return 1;
    }

    private static void addAnomalies(XYChart chart, List<Point> points) {
        List<Date> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (Point p : points) {
            if (p.anomalous() && p.value() != null && Double.isFinite(p.value())) {
                x.add(Date.from(p.bucket()));
                y.add(p.value());
            }
        }
        if (x.isEmpty()) {
            return;
        }
        XYSeries anomalies = chart.addSeries("anomalous", x, y);
        anomalies.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        anomalies.setMarker(SeriesMarkers.CIRCLE);
        anomalies.setMarkerColor(ANOMALY);
        anomalies.setLineStyle(SeriesLines.NONE);
    }

    /** The series' values, a missing one as NaN, which XChart draws as a gap. */
    private static List<Double> values(ChartSeries series, Function<Point, Double> value) {
        return series.points().stream().map(p -> value.apply(p) == null ? Double.NaN : value.apply(p)).toList();
    }
}
