package dev.trackwatch.loader;

import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.LoadResult;
import dev.trackwatch.config.MatcherSpec;
import dev.trackwatch.config.ReceiverSpec;
import dev.trackwatch.config.RouteSpec;
import dev.trackwatch.config.RoutingSpec;
import dev.trackwatch.config.Severity;
import dev.trackwatch.config.SourceLocation;
import dev.trackwatch.config.TimeIntervalSpec;
import dev.trackwatch.config.TrackwatchSpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The routing: section and datasets' upstream: read into spec records, with their defaults. */
class RoutingConfigTest {

    static final String TEAMS = """
            teams:
              - name: growth
                slack_channel: "#growth-alerts"
                datasets: [product_events]
                events: [purchase]
              - name: platform
                slack_channel: "#data-platform"
                datasets: [raw_events]
            datasets:
              - name: raw_events
                table: demo.raw
                event_time: event_time
              - name: product_events
                table: demo.events
                event_time: event_time
                upstream: [raw_events]
                checks:
                  - type: volume
            """;

    static final String ROUTING = """
            routing:
              route:
                group_by: [dataset, check, kind]
                group_wait: 30s
                group_interval: 5m
                repeat_interval: {critical: 1h, warning: 4h, info: 24h}
                routes:
                  - matchers: ['kind="monitor_fault"']
                    receiver: platform
                  - matchers: ['team="growth"', 'severity=~"critical|warning"']
                    receiver: growth-oncall
                    continue: true
                    group_wait: 0s
                    repeat_interval: 2h
                    mute_time_intervals: [weekend-nights]
                    routes:
                      - matchers: [check!~"fresh.*"]
                        repeat_interval: {critical: 30m}
                        mute_time_intervals: []
              receivers:
                - name: growth-oncall
                  slack_channel: "#growth-oncall"
                  mention: "@growth-oncall"
                - name: pager
                  slack_channel: "#pager"
              inhibit_rules:
                - source_matchers: ['kind="freshness"']
                  target_matchers: ['kind=~"volume|null_rate|cardinality"']
                  equal: [dataset]
              mute_time_intervals:
                - name: weekend-nights
                  weekdays: [saturday, sunday]
                  times: [{start: "00:00", end: "06:00"}, {start: "22:00", end: "24:00"}]
                  location: Europe/Berlin
                - name: year-end
                  days_of_month: ["-3:-1", 1]
                  months: [december, "1"]
                  years: ["2026:2027"]
            """;

    @TempDir
    Path dir;

    @Test
    void readsEverySettingOfTheRoutingSection() throws IOException {
        Files.writeString(dir.resolve("teams.yaml"), TEAMS);
        Files.writeString(dir.resolve("routing.yaml"), ROUTING);

        LoadResult result = ConfigLoader.load(dir);
        assertThat(result.errors()).isEmpty();
        RoutingSpec routing = result.spec().routing();

        RouteSpec root = routing.route();
        assertThat(root.receiver()).as("unset: the runtime defaults it to owner").isNull();
        assertThat(root.groupBy()).containsExactly("dataset", "check", "kind");
        assertThat(root.groupWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(root.groupInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(root.repeatInterval()).isEqualTo(Map.of(Severity.CRITICAL, Duration.ofHours(1),
                Severity.WARNING, Duration.ofHours(4), Severity.INFO, Duration.ofHours(24)));
        assertThat(root.location()).isEqualTo(new SourceLocation("routing.yaml", 3, 5));

        RouteSpec faults = root.routes().get(0);
        assertThat(faults.matchers()).containsExactly(new MatcherSpec("kind", MatcherSpec.Type.EQUAL, "monitor_fault"));
        assertThat(faults.receiver()).isEqualTo("platform");
        assertThat(faults.groupBy()).isNull();
        assertThat(faults.muteTimeIntervals()).isNull();
        assertThat(faults.continueMatching()).isFalse();

        RouteSpec growth = root.routes().get(1);
        assertThat(growth.matchers()).extracting(MatcherSpec::toString)
                .containsExactly("team=\"growth\"", "severity=~\"critical|warning\"");
        assertThat(growth.continueMatching()).isTrue();
        assertThat(growth.groupWait()).isZero();
        assertThat(growth.repeatInterval()).containsEntry(Severity.INFO, Duration.ofHours(2)).hasSize(3);
        assertThat(growth.muteTimeIntervals()).containsExactly("weekend-nights");
        RouteSpec nested = growth.routes().getFirst();
        assertThat(nested.matchers()).containsExactly(new MatcherSpec("check", MatcherSpec.Type.NOT_REGEX, "fresh.*"));
        assertThat(nested.repeatInterval()).isEqualTo(Map.of(Severity.CRITICAL, Duration.ofMinutes(30)));
        assertThat(nested.muteTimeIntervals()).as("set to none, not inherited").isEmpty();

        assertThat(routing.receivers()).containsExactly(
                new ReceiverSpec("growth-oncall", "#growth-oncall", "@growth-oncall", new SourceLocation("routing.yaml", 21, 7)),
                new ReceiverSpec("pager", "#pager", null, new SourceLocation("routing.yaml", 24, 7)));
        assertThat(routing.inhibitRules()).singleElement().satisfies(rule -> {
            assertThat(rule.sourceMatchers()).extracting(MatcherSpec::toString).containsExactly("kind=\"freshness\"");
            assertThat(rule.targetMatchers()).extracting(MatcherSpec::toString)
                    .containsExactly("kind=~\"volume|null_rate|cardinality\"");
            assertThat(rule.equal()).containsExactly("dataset");
        });

        TimeIntervalSpec nights = routing.muteTimeInterval("weekend-nights").orElseThrow();
        assertThat(nights.weekdays()).containsExactly(new TimeIntervalSpec.Range(6, 6), new TimeIntervalSpec.Range(7, 7));
        assertThat(nights.times()).containsExactly(new TimeIntervalSpec.TimeRange(0, 360),
                new TimeIntervalSpec.TimeRange(1320, 1440));
        assertThat(nights.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        TimeIntervalSpec yearEnd = routing.muteTimeInterval("year-end").orElseThrow();
        assertThat(yearEnd.daysOfMonth()).containsExactly(new TimeIntervalSpec.Range(-3, -1), new TimeIntervalSpec.Range(1, 1));
        assertThat(yearEnd.months()).containsExactly(new TimeIntervalSpec.Range(12, 12), new TimeIntervalSpec.Range(1, 1));
        assertThat(yearEnd.years()).containsExactly(new TimeIntervalSpec.Range(2026, 2027));
        assertThat(yearEnd.zone().getId()).isEqualTo("Z");

        assertThat(result.spec().dataset("product_events").orElseThrow().upstream()).containsExactly("raw_events");
        assertThat(result.spec().dataset("raw_events").orElseThrow().upstream()).isEmpty();
    }

    @Test
    void aTreeWithoutRoutingGetsTheDefault() throws IOException {
        Files.writeString(dir.resolve("teams.yaml"), TEAMS);

        TrackwatchSpec spec = ConfigLoader.load(dir).spec();

        assertThat(spec.routing()).isSameAs(RoutingSpec.DEFAULT);
        assertThat(spec.routing().route().routes()).isEmpty();
    }

    @Test
    void routingMayLiveInAnyFileAndChangesTheHash() throws IOException {
        Files.writeString(dir.resolve("teams.yaml"), TEAMS);
        String without = ConfigLoader.load(dir).spec().hash();
        Files.createDirectories(dir.resolve("alerting"));
        Files.writeString(dir.resolve("alerting/routes.yml"), "routing:\n  route:\n    receiver: platform\n");

        TrackwatchSpec spec = ConfigLoader.load(dir).spec();

        assertThat(spec.routing().route().receiver()).isEqualTo("platform");
        assertThat(spec.hash()).isNotEqualTo(without);
    }

    @Test
    void specsBuiltInCodeKeepCompiling() {
        DatasetSpec dataset = new DatasetSpec("d", "db", "t", "ts", null, Duration.ofHours(1), List.of(), null, "growth",
                Map.of(), Duration.ofMinutes(5), 3, Duration.ofDays(28), List.of(), SourceLocation.of("x.yaml"));
        TrackwatchSpec spec = new TrackwatchSpec(List.of(), List.of(dataset), List.of(), "hash", List.of());

        assertThat(dataset.upstream()).isEmpty();
        assertThat(spec.routing()).isSameAs(RoutingSpec.DEFAULT);
    }

    @Test
    void thereIsAFixturePerRoutingFailureMode() throws IOException {
        assertThat(ConfigFixturesTest.cases().toList()).contains("routing-bad-matcher", "routing-unknown-receiver",
                "routing-unknown-mute-interval", "routing-bad-durations", "routing-mute-interval-problems",
                "routing-twice", "routing-inhibit-problems", "routing-route-keys", "upstream-problems",
                "upstream-cycle", "reserved-labels");
    }
}
