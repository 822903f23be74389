package dev.trackwatch.api;

import dev.trackwatch.api.SeriesReadModel.Point;
import dev.trackwatch.api.SeriesReadModel.Series;
import dev.trackwatch.incidents.Incident;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The geometry of one series' chart, computed here so the Thymeleaf template only places it as an
 * inline SVG (no JavaScript): the observed values as one polyline, the expected band as a filled
 * path over every run of consecutive buckets that have one (each run widened by half a bucket on
 * both sides, so a lone judged bucket still shows), the expected value dashed, anomalous buckets as
 * dots, and incidents as shaded spans linking to their pages. A one-sided band (only a lower or an
 * upper bound) is drawn to the plot's edge on the open side.
 *
 * @param width the view box width
 * @param height the view box height
 * @param observedPoints the polyline's points ("x,y x,y ...")
 * @param observedCount how many points the polyline has
 * @param bandPath the band's path data, empty without any band
 * @param expectedPath the expected line's path data
 * @param anomalies the anomalous buckets
 * @param spans the incidents overlapping the range
 * @param yTicks labels of the value axis
 * @param xTicks labels of the time axis
 * @param plot the plot area
 */
public record SvgChart(int width, int height, String observedPoints, int observedCount, String bandPath, String expectedPath,
                       List<Mark> anomalies, List<Span> spans, List<Tick> yTicks, List<Tick> xTicks, Plot plot) {

    /** The only observed point when the series has just one (a polyline of one point draws nothing), else null. */
    public Mark lonePoint() {
        if (observedCount != 1) {
            return null;
        }
        String[] xy = observedPoints.strip().split(",");
        return new Mark(xy[0], xy[1], "");
    }

    /** The plot area inside the axes. */
    public record Plot(double left, double top, double right, double bottom) {
        public double width() {
            return right - left;
        }

        public double height() {
            return bottom - top;
        }
    }

    /** An anomalous bucket: where, and what its tooltip says. */
    public record Mark(String cx, String cy, String title) {
    }

    /** An incident's span on the time axis. */
    public record Span(String id, String x, String width, String title, String state) {
    }

    /** An axis label at a position. */
    public record Tick(String at, String label) {
    }

    static final int WIDTH = 760;
    static final int HEIGHT = 190;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** Lays out {@code series} over [{@code from}, {@code to}) with buckets of {@code bucket}. */
    static SvgChart of(Series series, List<Incident> incidents, Instant from, Instant to, Duration bucket) {
        Plot plot = new Plot(58, 10, WIDTH - 12, HEIGHT - 26);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Point p : series.points()) {
            for (Double v : new Double[] {p.observed(), p.lower(), p.upper(), p.expected()}) {
                if (v != null && Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        } else if (lo == hi) {
            lo -= Math.max(1, Math.abs(lo) * 0.1);
            hi += Math.max(1, Math.abs(hi) * 0.1);
        }
        double pad = (hi - lo) * 0.06;
        Scale scale = new Scale(plot, from.toEpochMilli(), to.toEpochMilli(), lo - pad, hi + pad);
        long half = bucket.toMillis() / 2;

        StringBuilder line = new StringBuilder();
        int count = 0;
        StringBuilder expected = new StringBuilder();
        StringBuilder band = new StringBuilder();
        List<Point> run = new ArrayList<>();
        List<Mark> marks = new ArrayList<>();
        Point previous = null;
        for (Point p : series.points()) {
            long mid = Instant.parse(p.bucket()).toEpochMilli() + half;
            if (p.observed() != null && Double.isFinite(p.observed())) {
                line.append(count++ == 0 ? "" : " ").append(scale.x(mid)).append(',').append(scale.y(p.observed()));
            }
            boolean consecutive = previous != null && Instant.parse(p.bucket()).equals(Instant.parse(previous.bucket()).plus(bucket));
            if (p.expected() != null) {
                expected.append(consecutive && previous.expected() != null ? " L" : (expected.isEmpty() ? "M" : " M"))
                        .append(scale.x(mid)).append(',').append(scale.y(p.expected()));
            }
            if (hasBand(p) && (run.isEmpty() || consecutive)) {
                run.add(p);
            } else {
                appendBand(band, run, scale, half);
                run.clear();
                if (hasBand(p)) {
                    run.add(p);
                }
            }
            if (p.anomalous()) {
                double v = p.observed() != null ? p.observed() : p.expected() != null ? p.expected() : lo;
                marks.add(new Mark(scale.x(mid), scale.y(v), p.bucket() + ": " + p.outcome() + ", observed "
                        + number(p.observed()) + ", expected " + number(p.expected()) + " [" + number(p.lower()) + ", "
                        + number(p.upper()) + "]"));
            }
            previous = p;
        }
        appendBand(band, run, scale, half);

        List<Span> spans = new ArrayList<>();
        Instant now = Instant.now();
        for (Incident i : incidents) {
            long start = Math.max(from.toEpochMilli(), SeriesReadModel.start(i).toEpochMilli());
            long end = Math.min(to.toEpochMilli(), SeriesReadModel.end(i, now).toEpochMilli() + bucket.toMillis());
            if (end > start) {
                double x = Double.parseDouble(scale.x(start));
                spans.add(new Span(i.id(), scale.x(start), fmt(Math.max(2, Double.parseDouble(scale.x(end)) - x)),
                        i.id() + " " + i.state().label() + " from " + SeriesReadModel.start(i) + ": " + i.reason(),
                        i.state().label()));
            }
        }
        List<Tick> yTicks = new ArrayList<>();
        for (int k = 0; k <= 3; k++) {
            double v = lo + (hi - lo) * k / 3;
            yTicks.add(new Tick(scale.y(v), number(v)));
        }
        List<Tick> xTicks = new ArrayList<>();
        for (int k = 0; k <= 4; k++) {
            long t = from.toEpochMilli() + (to.toEpochMilli() - from.toEpochMilli()) * k / 4;
            xTicks.add(new Tick(scale.x(t), TIME.format(Instant.ofEpochMilli(t))));
        }
        return new SvgChart(WIDTH, HEIGHT, line.toString(), count, band.toString(), expected.toString(), marks, spans,
                yTicks, xTicks, plot);
    }

    private static boolean hasBand(Point p) {
        return p.lower() != null || p.upper() != null;
    }

    // Upper edge left to right, lower edge back: one closed shape per run of consecutive banded buckets.
    private static void appendBand(StringBuilder d, List<Point> run, Scale scale, long half) {
        if (run.isEmpty()) {
            return;
        }
        List<String> upper = new ArrayList<>();
        List<String> lower = new ArrayList<>();
        for (int k = 0; k < run.size(); k++) {
            Point p = run.get(k);
            long mid = Instant.parse(p.bucket()).toEpochMilli() + half;
            String yUp = p.upper() != null ? scale.y(p.upper()) : fmt(scale.plot.top());
            String yLow = p.lower() != null ? scale.y(p.lower()) : fmt(scale.plot.bottom());
            if (k == 0) {
                upper.add(scale.x(mid - half) + "," + yUp);
                lower.add(scale.x(mid - half) + "," + yLow);
            }
            upper.add(scale.x(mid) + "," + yUp);
            lower.add(scale.x(mid) + "," + yLow);
            if (k == run.size() - 1) {
                upper.add(scale.x(mid + half) + "," + yUp);
                lower.add(scale.x(mid + half) + "," + yLow);
            }
        }
        d.append(d.isEmpty() ? "" : " ").append('M').append(String.join(" L", upper));
        for (int k = lower.size() - 1; k >= 0; k--) {
            d.append(" L").append(lower.get(k));
        }
        d.append(" Z");
    }

    /** Returns a value as people read it on an axis: 1234567 as 1.23M, 0.0312 as 0.0312. */
    static String number(Double v) {
        if (v == null) {
            return "-";
        }
        double a = Math.abs(v);
        if (a >= 1e9) {
            return String.format(Locale.ROOT, "%.3gG", v / 1e9);
        }
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.3gM", v / 1e6);
        }
        if (a >= 1e4) {
            return String.format(Locale.ROOT, "%.3gk", v / 1e3);
        }
        return a == Math.rint(a) && a < 1e4 ? String.valueOf(Math.round(v)) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Maps time and value to the view box, clamped to the plot. */
    private record Scale(Plot plot, long from, long to, double lo, double hi) {
        String x(long millis) {
            double x = plot.left() + plot.width() * (millis - from) / Math.max(1, to - from);
            return fmt(Math.clamp(x, plot.left(), plot.right()));
        }

        String y(double v) {
            double y = plot.bottom() - plot.height() * (v - lo) / (hi - lo);
            return fmt(Math.clamp(y, plot.top(), plot.bottom()));
        }
    }
}
