package dev.trackwatch.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SuggestionsTest {

    @Test
    void suggestsTheClosestCandidateWithinATyposDistance() {
        List<String> keys = List.of("name", "table", "bucket", "segments", "backfill");
        assertThat(Suggestions.closest("bukcet", keys)).hasValue("bucket");
        assertThat(Suggestions.closest("segmnets", keys)).hasValue("segments");
        assertThat(Suggestions.closest("Table", keys)).hasValue("table");
        assertThat(Suggestions.closest("owner", keys)).isEmpty();
        assertThat(Suggestions.didYouMean("usr_id", List.of("user_id", "session_id")))
                .isEqualTo(" (did you mean 'user_id'?)");
        assertThat(Suggestions.didYouMean("zzz", List.of("user_id"))).isEmpty();
    }

    @Test
    void countsATranspositionAsOneEdit() {
        assertThat(Suggestions.distance("bukcet", "bucket")).isEqualTo(1);
        assertThat(Suggestions.distance("evnts", "events")).isEqualTo(1);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    }

    @Test
    void durationsTakeOnePositiveIntegerAndOneUnit() {
        assertThat(Durations.parse("30s")).hasValue(Duration.ofSeconds(30));
        assertThat(Durations.parse("5m")).hasValue(Duration.ofMinutes(5));
        assertThat(Durations.parse("1h")).hasValue(Duration.ofHours(1));
        assertThat(Durations.parse("28d")).hasValue(Duration.ofDays(28));
        assertThat(Durations.parse("2w")).hasValue(Duration.ofDays(14));
        assertThat(Durations.parse("0m")).isEmpty();
        assertThat(Durations.parse("1h30m")).isEmpty();
        assertThat(Durations.parse("hourly")).isEmpty();
        assertThat(Durations.parse("05m")).isEmpty();
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(Durations.format(Duration.ofDays(14))).isEqualTo("2w");
        assertThat(Durations.format(Duration.ofSeconds(45))).isEqualTo("45s");
    }
}
