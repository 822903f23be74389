package dev.trackwatch.api;

import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.run.ConfigEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitor block's last reload: the first applied config and each change are news, an unchanged
 * re-apply of the scheduler's poll is not, and a rejected reload keeps its located errors until the
 * next apply.
 */
class ReloadLogTest {

    private static final TrackwatchSpec A = new TrackwatchSpec(List.of(), List.of(), List.of(), "hash-a");
    private static final TrackwatchSpec B = new TrackwatchSpec(List.of(), List.of(), List.of(), "hash-b");

    @Test
    void onlyChangesAndRejectionsAreRecorded() {
        ReloadLog log = new ReloadLog();
        assertThat(log.last().outcome()).isEqualTo("none");

        log.onApplicationEvent(new ConfigEvent.ConfigApplied(A, true));
        HealthViews.Reload first = log.last();
        log.onApplicationEvent(new ConfigEvent.ConfigApplied(A, false));
        assertThat(log.last()).isSameAs(first);
        assertThat(first.outcome()).isEqualTo("applied");
        assertThat(first.runningHash()).isEqualTo("hash-a");

        log.onApplicationEvent(new ConfigEvent.ConfigRejected(List.of("checks/x.yaml:3:5: unknown key 'sevrity'"), "hash-a"));
        assertThat(log.last().outcome()).isEqualTo("rejected");
        assertThat(log.last().errors()).containsExactly("checks/x.yaml:3:5: unknown key 'sevrity'");
        assertThat(log.last().runningHash()).isEqualTo("hash-a");

        // The tree fixed back to the running config: the poll re-applies it unchanged, which clears the rejection.
        log.onApplicationEvent(new ConfigEvent.ConfigApplied(A, false));
        assertThat(log.last().outcome()).isEqualTo("applied");
        assertThat(log.last().errors()).isEmpty();

        log.onApplicationEvent(new ConfigEvent.ConfigApplied(B, true));
        assertThat(log.last().runningHash()).isEqualTo("hash-b");
    }

    @Test
    void theWorseStatusWins() {
        assertThat(HealthReadModel.worse("healthy", "learning")).isEqualTo("learning");
        assertThat(HealthReadModel.worse("warning", "not_evaluated")).isEqualTo("warning");
        assertThat(HealthReadModel.worse("failing", "warning")).isEqualTo("failing");
        assertThat(HealthReadModel.worse("not_evaluated", "learning")).isEqualTo("not_evaluated");
    }
}
