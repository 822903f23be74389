package dev.trackwatch.route;

import dev.trackwatch.config.TrackwatchSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The route tree: first match wins, continue, inheritance, the owner receiver, severities, muting. */
class RouterTest {

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
                    mute_time_intervals: [weekend-nights]
                    routes:
                      - matchers: ['kind="freshness"']
                        group_by: [dataset]
                        repeat_interval: {critical: 15m}
                      - matchers: ['kind="volume"']
                        mute_time_intervals: []
                  - matchers: ['team="growth"']
                    receiver: owner
                    group_wait: 0s
                  - matchers: ['dataset="product_events"']
                    receiver: mobile
              receivers:
                - name: growth-oncall
                  slack_channel: "#growth-oncall"
                  mention: "@growth-oncall"
              mute_time_intervals:
                - name: weekend-nights
                  weekdays: [saturday, sunday]
                  times: [{start: "00:00", end: "06:00"}]
                  location: UTC
            """;

    @TempDir
    Path dir;

    private static final Receiver GROWTH = new Receiver("growth", "#growth-alerts", null);
    private static final Receiver ONCALL = new Receiver("growth-oncall", "#growth-oncall", "@growth-oncall");
    private static final Receiver PLATFORM = new Receiver("platform", "#data-platform", null);
    private static final List<String> BY_CHECK = List.of("dataset", "check", "kind");

    @Test
    void withoutRoutingEveryAlertGoesToItsOwnerWithTheDefaults() {
        Router router = Router.of(Trees.load(dir, ""));

        assertThat(router.route(Map.of("team", "mobile", "kind", "volume"))).containsExactly(new RouteDecision(
                new Receiver("mobile", "#mobile-alerts", null), BY_CHECK, Duration.ofSeconds(30), Duration.ofMinutes(5),
                Duration.ofHours(4), List.of()));
    }

    @Test
    void theFirstMatchingRouteWinsAndNothingElseIsTried() {
        Router router = Router.of(Trees.load(dir, ROUTING));

        List<Router.Match> matches = router.trace(Map.of("team", "growth", "kind", "monitor_fault",
                "severity", "critical", "dataset", "product_events"));

        assertThat(matches).containsExactly(new Router.Match("route.routes[0]", new RouteDecision(PLATFORM, BY_CHECK,
                Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(1), List.of())));
    }

    @Test
    void continueTriesTheFollowingSiblingsAndChildrenInheritUnsetSettings() {
        Router router = Router.of(Trees.load(dir, ROUTING));

        List<Router.Match> matches = router.trace(Map.of("team", "growth", "kind", "freshness", "severity", "critical",
                "dataset", "product_events"));

        assertThat(matches).containsExactly(
                new Router.Match("route.routes[1].routes[0]", new RouteDecision(ONCALL, List.of("dataset"),
                        Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(15), List.of("weekend-nights"))),
                new Router.Match("route.routes[2]", new RouteDecision(GROWTH, BY_CHECK, Duration.ZERO,
                        Duration.ofMinutes(5), Duration.ofHours(1), List.of())));
    }

    @Test
    void aRouteWithoutMatchingChildrenTakesTheAlertItselfAndAnEmptyMuteListIsNotInherited() {
        Router router = Router.of(Trees.load(dir, ROUTING));
        Map<String, String> warning = Map.of("team", "growth", "kind", "null_rate", "severity", "warning");
        Map<String, String> volume = Map.of("team", "growth", "kind", "volume", "severity", "warning");

        assertThat(router.trace(warning)).extracting(Router.Match::route)
                .containsExactly("route.routes[1]", "route.routes[2]");
        assertThat(router.route(warning).getFirst().repeatInterval()).isEqualTo(Duration.ofHours(4));
        assertThat(router.route(warning).getFirst().muteTimeIntervals()).containsExactly("weekend-nights");
        assertThat(router.trace(volume).getFirst().route()).isEqualTo("route.routes[1].routes[1]");
        assertThat(router.route(volume).getFirst().muteTimeIntervals()).isEmpty();
    }

    @Test
    void anAlertNoRouteMatchesFallsBackToTheRootAndItsOwner() {
        Router router = Router.of(Trees.load(dir, ROUTING));

        assertThat(router.trace(Map.of("team", "platform", "kind", "volume", "dataset", "raw_events",
                "severity", "info"))).containsExactly(new Router.Match("route", new RouteDecision(PLATFORM, BY_CHECK,
                Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(24), List.of())));
        assertThat(router.route(Map.of("kind", "volume"))).as("no team: the owner is unknown")
                .extracting(RouteDecision::receiver).containsExactly(new Receiver("owner", null, null));
        assertThat(router.route(Map.of("team", "platform", "severity", "loud")))
                .as("an unknown severity is paced as a warning")
                .extracting(RouteDecision::repeatInterval).containsExactly(Duration.ofHours(4));
    }

    @Test
    void infoAlertsOfGrowthSkipTheOncallButATeamReceiverNamesTheTeamsChannel() {
        Router router = Router.of(Trees.load(dir, ROUTING));

        assertThat(router.route(Map.of("team", "growth", "kind", "volume", "severity", "info")))
                .extracting(RouteDecision::receiver).containsExactly(GROWTH);
        assertThat(router.route(Map.of("team", "mobile", "dataset", "product_events")))
                .extracting(RouteDecision::receiver).containsExactly(new Receiver("mobile", "#mobile-alerts", null));
    }

    @Test
    void identicalDecisionsCountOnce() {
        TrackwatchSpec spec = Trees.load(dir, """
                routing:
                  route:
                    routes:
                      - matchers: ['kind="volume"']
                        continue: true
                      - matchers: ['dataset="product_events"']
                """);

        assertThat(Router.of(spec).route(Map.of("team", "growth", "kind", "volume", "dataset", "product_events")))
                .hasSize(1);
    }

    @Test
    void aRouteIsMutedInsideItsMuteTimeIntervals() {
        Router router = Router.of(Trees.load(dir, ROUTING));
        RouteDecision oncall = router.route(Map.of("team", "growth", "kind", "null_rate", "severity", "warning"))
                .getFirst();

        assertThat(router.muted(oncall, Instant.parse("2026-11-28T03:00:00Z"))).as("Saturday 03:00").isTrue();
        assertThat(router.activeMuteTimeIntervals(oncall, Instant.parse("2026-11-29T05:59:59Z")))
                .containsExactly("weekend-nights");
        assertThat(router.muted(oncall, Instant.parse("2026-11-29T06:00:00Z"))).as("end is exclusive").isFalse();
        assertThat(router.muted(oncall, Instant.parse("2026-11-27T03:00:00Z"))).as("Friday").isFalse();
        RouteDecision owner = router.route(Map.of("team", "growth", "kind", "null_rate", "severity", "warning")).get(1);
        assertThat(router.muted(owner, Instant.parse("2026-11-28T03:00:00Z"))).isFalse();
    }
}
