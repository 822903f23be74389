package dev.trackwatch.run;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Which buckets a run judges, given the previous run's watermark. */
class JudgedBucketsTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Instant CLOSED_TO = Instant.parse("2026-06-01T12:00:00Z");

    @Test
    void theFirstRunJudgesOnlyTheNewestClosedBucketTheRestIsTrainingHistory() {
        assertThat(DatasetRunner.judgedBuckets(null, CLOSED_TO, HOUR)).containsExactly(CLOSED_TO.minus(HOUR));
    }

    @Test
    void aRunWithNoNewBucketJudgesTheNewestAgainBecauseLateDataMayHaveChangedIt() {
        assertThat(DatasetRunner.judgedBuckets(CLOSED_TO, CLOSED_TO, HOUR)).containsExactly(CLOSED_TO.minus(HOUR));
    }

    @Test
    void aRunAfterDowntimeJudgesEveryBucketItMissed() {
        assertThat(DatasetRunner.judgedBuckets(CLOSED_TO.minus(Duration.ofHours(3)), CLOSED_TO, HOUR)).containsExactly(
                Instant.parse("2026-06-01T09:00:00Z"), Instant.parse("2026-06-01T10:00:00Z"),
                Instant.parse("2026-06-01T11:00:00Z"));
    }

    @Test
    void catchingUpStopsAtAWeek() {
        assertThat(DatasetRunner.judgedBuckets(CLOSED_TO.minus(Duration.ofDays(30)), CLOSED_TO, HOUR))
                .hasSize(7 * 24).startsWith(CLOSED_TO.minus(Duration.ofDays(7)));
    }

    @Test
    void aRunAsOfAPastTimeJudgesTheBucketBeforeThatTime() {
        assertThat(DatasetRunner.judgedBuckets(CLOSED_TO.plus(Duration.ofDays(2)), CLOSED_TO, HOUR))
                .containsExactly(CLOSED_TO.minus(HOUR));
    }
}
