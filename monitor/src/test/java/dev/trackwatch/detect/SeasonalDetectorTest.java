package dev.trackwatch.detect;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static dev.trackwatch.detect.Series.HOUR;
import static dev.trackwatch.detect.Series.MONDAY;
import static org.assertj.core.api.Assertions.assertThat;

/** The seasonal detector on constructed series whose anomalies (or lack of them) are known. */
class SeasonalDetectorTest {

    private static final DetectorSettings DEFAULTS = DetectorSettings.defaults();

    /** A flat series around 100 with ±1 % noise, hourly. */
    private static List<Series.Point> flat(int n, long seed) {
        return Series.of(MONDAY, HOUR, n, t -> 100.0, 0.01, seed);
    }

    /** The alerting points, with their bands, so that a failure says which ones and why. */
    private static List<String> alerts(List<Detection> detections) {
        return detections.stream().filter(Detection::alert)
                .map(d -> d.time() + " " + d.value() + " not in [" + d.lower() + ", " + d.upper() + "]").toList();
    }

    @Test
    void dailyAndWeeklyTrafficRaisesNoAlertOnceFourWeeksAreLearned() {
        SeasonalDetector detector = new SeasonalDetector(DEFAULTS);
        List<Detection> all = Series.run(detector, Series.of(MONDAY, HOUR, 7 * 24 * 7, Series::traffic, 0.05, 1));

        assertThat(detector.cycle()).isEqualTo(Seasonality.WEEKLY);
        List<Detection> lastThreeWeeks = all.subList(4 * 7 * 24, all.size());
        assertThat(alerts(lastThreeWeeks)).isEmpty();
        assertThat(lastThreeWeeks.stream().map(Detection::state).distinct()).containsExactly(DetectionState.NORMAL);
        // The Sunday-night dip is expected: the band around Sunday 03:00 is low.
        Detection sundayNight = all.get(6 * 7 * 24 + 6 * 24 + 3);
        assertThat(sundayNight.slot()).isEqualTo("Sun 03:00");
        assertThat(sundayNight.upper()).isLessThan(150);
    }

    @Test
    void theSundayNightDipOnATuesdayAfternoonAlerts() {
        SeasonalDetector detector = new SeasonalDetector(DEFAULTS);
        Series.run(detector, Series.of(MONDAY, HOUR, 4 * 7 * 24 + 24 + 14, Series::traffic, 0.05, 2));
        Instant tuesday1400 = MONDAY.plus(Duration.ofDays(29)).plus(Duration.ofHours(14));
        double sundayNightLevel = Series.traffic(MONDAY.plus(Duration.ofDays(6)).plus(Duration.ofHours(3)));

        Detection d = detector.next(tuesday1400, sundayNightLevel);

        assertThat(d.slot()).isEqualTo("Tue 14:00");
        assertThat(d.alert()).isTrue();
        assertThat(d.state()).isEqualTo(DetectionState.ANOMALY);
        assertThat(d.score()).isGreaterThanOrEqualTo(0.5);
        assertThat(d.expected()).isGreaterThan(800);
    }

    @Test
    void linearGrowthUnderADailyCycleDoesNotAlert() {
        // +0.25 per hour is +168 over four weeks, more than the daily swing's noise by far.
        java.util.Random noise = new java.util.Random(3);
        List<Series.Point> growing = Series.of(MONDAY, HOUR, 6 * 7 * 24,
                t -> 100 + 0.25 * Duration.between(MONDAY, t).toHours()
                        + 30 * Math.sin(2 * Math.PI * t.atZone(ZoneOffset.UTC).getHour() / 24.0)
                        + 2 * (2 * noise.nextDouble() - 1), 0, 3);
        SeasonalDetector detector = new SeasonalDetector(DEFAULTS.withSeasonality(Seasonality.DAILY));

        List<Detection> all = Series.run(detector, growing);

        assertThat(alerts(all.subList(7 * 24, all.size()))).isEmpty();
        Detection last = all.getLast();
        assertThat(last.expected()).isCloseTo(last.value(), org.assertj.core.data.Offset.offset(10.0));
    }

    @Test
    void coldStartIsLearningAndNeverAlertsUntilMinTrainingPoints() {
        SeasonalDetector detector = new SeasonalDetector(DEFAULTS.withMinTrainingPoints(48));
        List<Series.Point> points = flat(60, 4);

        for (int i = 0; i < 48; i++) {
            double value = i == 30 ? 1e6 : points.get(i).value();
            Detection d = detector.next(points.get(i).time(), value);
            assertThat(d.state()).isEqualTo(DetectionState.LEARNING);
            assertThat(d.alert()).isFalse();
            assertThat(d.score()).isZero();
            assertThat(d.trainingPoints()).isEqualTo(i);
        }
        Detection judged = detector.next(points.get(48).time(), 1e6);
        assertThat(judged.state()).isEqualTo(DetectionState.ANOMALY);
        assertThat(judged.alert()).isTrue();
        assertThat(judged.trainingPoints()).isEqualTo(48);
        assertThat(judged.trainingFrom()).isEqualTo(points.getFirst().time());
        assertThat(judged.trainingTo()).isEqualTo(points.get(47).time());
    }

    @Test
    void pointsNotLearnedDoNotShiftTheBaseline() {
        DetectorSettings settings = DEFAULTS.withSeasonality(Seasonality.NONE).withAcceptAfter(null);
        List<Series.Point> history = flat(200, 5);
        SeasonalDetector excluding = new SeasonalDetector(settings);
        SeasonalDetector learning = new SeasonalDetector(settings);
        Series.run(excluding, history);
        Series.run(learning, history);
        Instant t = history.getLast().time();
        for (int i = 1; i <= 60; i++) {
            // A maintenance window at 5x the level: scored, but kept out of the baseline.
            Detection d = excluding.next(t.plus(HOUR.multipliedBy(i)), 500, false);
            assertThat(d.state()).isEqualTo(DetectionState.ANOMALY);
            learning.next(t.plus(HOUR.multipliedBy(i)), 500, true);
        }
        excluding.next(t.plus(HOUR.multipliedBy(61)), 100);
        learning.next(t.plus(HOUR.multipliedBy(61)), 100);
        Instant after = t.plus(HOUR.multipliedBy(62));

        Detection excluded = excluding.next(after, 100);
        Detection learned = learning.next(after, 100);

        assertThat(excluded.state()).isEqualTo(DetectionState.NORMAL);
        assertThat(excluded.expected()).isCloseTo(100, org.assertj.core.data.Offset.offset(1.0));
        assertThat(excluded.trainingPoints()).isEqualTo(201);
        // Learned, the same window would have become most of the level.
        assertThat(learned.trainingPoints()).isEqualTo(261);
        assertThat(learned.expected()).isGreaterThan(300);
    }

    @Test
    void minValueExcusesSmallNumberNoise() {
        List<Series.Point> fives = Series.of(MONDAY, HOUR, 200, t -> 5.0, 0, 6);
        SeasonalDetector plain = new SeasonalDetector(DEFAULTS.withSeasonality(Seasonality.NONE));
        SeasonalDetector floored = new SeasonalDetector(DEFAULTS.withSeasonality(Seasonality.NONE).withMinValue(10));
        Series.run(plain, fives);
        Series.run(floored, fives);
        Instant next = fives.getLast().time().plus(HOUR);

        assertThat(plain.next(next, 3).alert()).isTrue();
        Detection excused = floored.next(next, 3);
        assertThat(excused.state()).isEqualTo(DetectionState.NORMAL);
        assertThat(excused.alert()).isFalse();
        assertThat(excused.score()).isLessThan(0.5);
    }

    @Test
    void minAbsoluteChangeExcusesSmallDeviations() {
        List<Series.Point> steady = Series.of(MONDAY, HOUR, 200, t -> 1000.0, 0.001, 7);
        SeasonalDetector plain = new SeasonalDetector(DEFAULTS.withSeasonality(Seasonality.NONE));
        SeasonalDetector floored = new SeasonalDetector(DEFAULTS.withSeasonality(Seasonality.NONE).withMinAbsoluteChange(50));
        Series.run(plain, steady);
        Series.run(floored, steady);
        Instant next = steady.getLast().time().plus(HOUR);

        assertThat(plain.next(next, 1020).alert()).isTrue();
        Detection excused = floored.next(next, 1020);
        assertThat(excused.alert()).isFalse();
        assertThat(excused.upper()).isGreaterThanOrEqualTo(1000 + 50 - 2);
        assertThat(floored.next(next.plus(HOUR), 1100).alert()).isTrue();
    }

    @Test
    void persistenceAlertsOnlyAfterNConsecutiveAnomalies() {
        SeasonalDetector detector = new SeasonalDetector(DEFAULTS.withSeasonality(Seasonality.NONE).withPersistence(3));
        List<Series.Point> history = flat(100, 8);
        Series.run(detector, history);
        Instant t = history.getLast().time();

        List<Boolean> alerts = new java.util.ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            Detection d = detector.next(t.plus(HOUR.multipliedBy(i)), 300);
            assertThat(d.state()).isEqualTo(DetectionState.ANOMALY);
            alerts.add(d.alert());
        }

        assertThat(alerts).containsExactly(false, false, true, true, true);
    }

    @Test
    void directionWatchesOneSide() {
        List<Series.Point> history = flat(100, 9);
        SeasonalDetector up = new SeasonalDetector(DEFAULTS.withSeasonality(Seasonality.NONE).withDirection(Direction.UP));
        SeasonalDetector down = new SeasonalDetector(DEFAULTS.withSeasonality(Seasonality.NONE).withDirection(Direction.DOWN));
        Series.run(up, history);
        Series.run(down, history);
        Instant t = history.getLast().time();

        Detection upOnDrop = up.next(t.plus(HOUR), 20);
        Detection downOnDrop = down.next(t.plus(HOUR), 20);
        Detection upOnSpike = up.next(t.plus(HOUR.multipliedBy(2)), 300);
        Detection downOnSpike = down.next(t.plus(HOUR.multipliedBy(2)), 300);

        assertThat(upOnDrop.state()).isEqualTo(DetectionState.NORMAL);
        assertThat(upOnDrop.score()).isZero();
        assertThat(downOnDrop.alert()).isTrue();
        assertThat(upOnSpike.alert()).isTrue();
        assertThat(downOnSpike.state()).isEqualTo(DetectionState.NORMAL);
    }

    @Test
    void aConfirmedLevelShiftKeepsAlertingUntilItResolves() {
        SeasonalDetector detector = new SeasonalDetector(DEFAULTS.withSeasonality(Seasonality.NONE).withAcceptAfter(null));
        List<Series.Point> history = flat(200, 10);
        Series.run(detector, history);
        Instant t = history.getLast().time();

        for (int i = 1; i <= 72; i++) {
            assertThat(detector.next(t.plus(HOUR.multipliedBy(i)), 200).alert()).as("hour %d of the shift", i).isTrue();
        }
        Detection back = detector.next(t.plus(HOUR.multipliedBy(73)), 100);
        assertThat(back.alert()).isFalse();
        assertThat(back.state()).isEqualTo(DetectionState.NORMAL);
    }

    @Test
    void aLevelShiftOutlastingAcceptAfterBecomesTheNewNormal() {
        SeasonalDetector detector = new SeasonalDetector(DEFAULTS.withSeasonality(Seasonality.NONE)
                .withAcceptAfter(Duration.ofHours(6)));
        List<Series.Point> history = flat(200, 11);
        Series.run(detector, history);
        Instant t = history.getLast().time();

        for (int i = 1; i <= 6; i++) {
            assertThat(detector.next(t.plus(HOUR.multipliedBy(i)), 200).alert()).as("hour %d", i).isTrue();
        }
        Detection accepted = detector.next(t.plus(HOUR.multipliedBy(7)), 200);
        assertThat(accepted.alert()).isFalse();
        Detection next = detector.next(t.plus(HOUR.multipliedBy(8)), 201);
        assertThat(next.state()).isEqualTo(DetectionState.NORMAL);
        assertThat(next.expected()).isCloseTo(200, org.assertj.core.data.Offset.offset(3.0));
        // The old level is now the anomaly.
        assertThat(detector.next(t.plus(HOUR.multipliedBy(9)), 100).alert()).isTrue();
    }

    @Test
    void aPastSpikeDoesNotWidenTheBand() {
        List<Series.Point> clean = flat(300, 12);
        List<Series.Point> spiked = new java.util.ArrayList<>(clean);
        spiked.set(150, new Series.Point(clean.get(150).time(), 10_000));
        SeasonalDetector a = new SeasonalDetector(DEFAULTS.withSeasonality(Seasonality.NONE));
        SeasonalDetector b = new SeasonalDetector(DEFAULTS.withSeasonality(Seasonality.NONE));
        Series.run(a, clean);
        assertThat(Series.run(b, spiked).get(150).alert()).isTrue();
        Instant next = clean.getLast().time().plus(HOUR);

        Detection withoutSpike = a.next(next, 100);
        Detection afterSpike = b.next(next, 100);

        double width = withoutSpike.upper() - withoutSpike.lower();
        assertThat(afterSpike.upper() - afterSpike.lower()).isCloseTo(width, org.assertj.core.data.Percentage.withPercentage(10));
        assertThat(afterSpike.upper()).isLessThan(110);
    }

    @Test
    void theSameHistoryGivesTheSameDetectionsAndAPrefixGivesAPrefix() {
        List<Series.Point> points = Series.of(MONDAY, HOUR, 3 * 7 * 24, Series::traffic, 0.05, 13);
        points.set(400, new Series.Point(points.get(400).time(), 5000));

        List<Detection> once = Series.run(new SeasonalDetector(DEFAULTS), points);
        List<Detection> twice = Series.run(new SeasonalDetector(DEFAULTS), points);
        List<Detection> prefix = Series.run(new SeasonalDetector(DEFAULTS), points.subList(0, 401));

        assertThat(twice).isEqualTo(once);
        assertThat(prefix).isEqualTo(once.subList(0, 401));
        assertThat(once.get(400).alert()).isTrue();
    }

    @Test
    void forgetsPointsOlderThanTheTrainingPeriod() {
        SeasonalDetector detector = new SeasonalDetector(DEFAULTS.withSeasonality(Seasonality.NONE)
                .withTrainingPeriod(Duration.ofDays(2)));
        List<Detection> all = Series.run(detector, flat(24 * 5, 14));

        Detection last = all.getLast();
        assertThat(last.trainingPoints()).isEqualTo(48);
        assertThat(last.trainingFrom()).isAfterOrEqualTo(last.time().minus(Duration.ofDays(2)));
    }

    @Test
    void aCopyContinuesExactlyAsTheOriginalAndFeedingItLeavesTheOriginalAlone() {
        java.util.function.IntFunction<Double> value = i -> 100 + 30 * Math.sin(i * Math.PI / 12) + (i % 7) - 3;
        java.time.Instant start = java.time.Instant.parse("2026-03-02T00:00:00Z");
        SeasonalDetector original = new SeasonalDetector(DetectorSettings.defaults());
        SeasonalDetector reference = new SeasonalDetector(DetectorSettings.defaults());
        for (int i = 0; i < 500; i++) {
            original.next(start.plusSeconds(3600L * i), value.apply(i));
            reference.next(start.plusSeconds(3600L * i), value.apply(i));
        }
        SeasonalDetector copy = original.copy();
        for (int i = 500; i < 520; i++) {
            copy.next(start.plusSeconds(3600L * i), i == 510 ? 10 : value.apply(i));
        }
        for (int i = 500; i < 600; i++) {
            double v = i == 530 ? 300 : value.apply(i);
            org.assertj.core.api.Assertions.assertThat(original.next(start.plusSeconds(3600L * i), v))
                    .isEqualTo(reference.next(start.plusSeconds(3600L * i), v));
        }
    }

    @Test
    void withoutLearningIncidentsAPastOutageDoesNotWidenTheBand() {
        java.time.Instant start = java.time.Instant.parse("2026-03-02T00:00:00Z");
        SeasonalDetector learning = new SeasonalDetector(DetectorSettings.defaults(), true);
        SeasonalDetector excluding = new SeasonalDetector(DetectorSettings.defaults(), false);
        Detection l = null;
        Detection e = null;
        for (int i = 0; i < 24 * 21; i++) {
            // Two separate outages (value 0 for three hours) in the history, then ordinary traffic.
            boolean outage = (i >= 24 * 5 && i < 24 * 5 + 3) || (i >= 24 * 12 && i < 24 * 12 + 3);
            double v = outage ? 0 : 100 + ((i * 37) % 11) - 5;
            l = learning.next(start.plusSeconds(3600L * i), v);
            e = excluding.next(start.plusSeconds(3600L * i), v);
        }
        org.assertj.core.api.Assertions.assertThat(e.upper() - e.lower()).isLessThan((l.upper() - l.lower()) / 2);
    }
}
