package dev.trackwatch.detect;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Cycle detection for AUTO seasonality on series whose cycle is known. */
class PeriodicityTest {

    private static Periodicity.Estimate estimate(List<Series.Point> points) {
        long[] times = points.stream().mapToLong(p -> p.time().toEpochMilli()).toArray();
        double[] values = points.stream().mapToDouble(Series.Point::value).toArray();
        return Periodicity.estimate(times, values, points.size());
    }

    @Test
    void findsADailyCycleInFiveMinuteData() {
        List<Series.Point> points = Series.of(Series.MONDAY, Duration.ofMinutes(5), 288 * 5,
                t -> 50 + 20 * Math.sin(2 * Math.PI * t.atZone(ZoneOffset.UTC).getHour() / 24.0), 0.1, 31);

        Periodicity.Estimate e = estimate(points);

        assertThat(e.step()).isEqualTo(Duration.ofMinutes(5));
        assertThat(e.seasonality()).isEqualTo(Seasonality.DAILY);
    }

    @Test
    void aRandomWalkHasNoCycle() {
        Random random = new Random(32);
        double[] level = {100};
        List<Series.Point> points = Series.of(Series.MONDAY, Duration.ofMinutes(5), 288 * 10,
                t -> level[0] += random.nextGaussian(), 0, 33);

        assertThat(estimate(points).seasonality()).isEqualTo(Seasonality.NONE);
    }

    @Test
    void findsAWeeklyCycleInHourlyTrafficOnlyOnceTwoWeeksAreThere() {
        List<Series.Point> points = Series.of(Series.MONDAY, Series.HOUR, 24 * 28, Series::traffic, 0.05, 34);

        assertThat(estimate(points).seasonality()).isEqualTo(Seasonality.WEEKLY);
        assertThat(estimate(points.subList(0, 24 * 10)).seasonality()).isEqualTo(Seasonality.DAILY);
    }

    @Test
    void irregularTimestampsGiveTheirMedianStep() {
        long[] times = {0, 60_000, 180_000, 240_000, 300_000, 420_000};

        assertThat(Periodicity.samplingStep(times, times.length)).isEqualTo(Duration.ofMinutes(1));
    }
}
