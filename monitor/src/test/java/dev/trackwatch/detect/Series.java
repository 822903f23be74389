package dev.trackwatch.detect;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/** Constructed series for the detector tests: known shapes with bounded, seeded noise. */
final class Series {

    /** A Monday at midnight UTC, so hour-of-week slots line up with calendar days. */
    static final Instant MONDAY = Instant.parse("2024-01-01T00:00:00Z");
    static final Duration HOUR = Duration.ofHours(1);

    private Series() {
    }

    /** One point. */
    record Point(Instant time, double value) {
    }

    /** {@code n} points every {@code step} from {@code start}, each {@code shape(t)} times (1 ± noise), noise uniform. */
    static List<Point> of(Instant start, Duration step, int n, Function<Instant, Double> shape, double noise, long seed) {
        Random random = new Random(seed);
        List<Point> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Instant t = start.plus(step.multipliedBy(i));
            points.add(new Point(t, shape.apply(t) * (1 + noise * (2 * random.nextDouble() - 1))));
        }
        return points;
    }

    /**
     * Hourly product traffic: a daytime peak, a Sunday-night dip and quieter weekends. Sunday
     * 00:00-05:59 runs at 15 % of a weekday's level at that hour would be; weekdays peak at 1000.
     */
    static double traffic(Instant t) {
        ZonedDateTime at = t.atZone(ZoneOffset.UTC);
        int hour = at.getHour();
        double daily = 200 + 800 * Math.max(0, Math.sin(Math.PI * (hour - 6) / 16.0));
        int dow = at.getDayOfWeek().getValue();
        double weekly = dow >= 6 ? 0.6 : 1.0;
        if (dow == 7 && hour < 6) {
            weekly = 0.15;
        }
        return daily * weekly;
    }

    /** Feeds every point to the detector and returns the detections. */
    static List<Detection> run(Detector detector, List<Point> points) {
        List<Detection> out = new ArrayList<>(points.size());
        for (Point p : points) {
            out.add(detector.next(p.time(), p.value()));
        }
        return out;
    }
}
