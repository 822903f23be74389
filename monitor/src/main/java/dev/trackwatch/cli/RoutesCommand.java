package dev.trackwatch.cli;

import dev.trackwatch.loader.ConfigLoader;
import dev.trackwatch.config.Durations;
import dev.trackwatch.config.LoadResult;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.incidents.AlertLabels;
import dev.trackwatch.route.Inhibitor;
import dev.trackwatch.route.RouteDecision;
import dev.trackwatch.route.Router;
import dev.trackwatch.route.Silence;
import dev.trackwatch.api.SilenceApiClient;
import dev.trackwatch.route.SilenceStore;
import dev.trackwatch.route.SilenceView;
import io.micronaut.context.ApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code trackwatch routes test}: where an alert with given labels would go, as {@code amtool config routes test}. */
@Command(name = "routes", mixinStandardHelpOptions = true, description = "Explore the routing of alerts.",
        subcommands = RoutesCommand.Test.class)
final class RoutesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Show the routes, receivers, timings and mute intervals an alert with these labels gets; "
                    + "with --firing, whether it is inhibited; with a ClickHouse or --api, whether it is silenced.")
    static final class Test implements Callable<Integer> {

        @Option(names = {"-l", "--labels"}, required = true, paramLabel = "NAME=VALUE,...",
                description = "The alert's labels, e.g. team=growth,kind=volume,dataset=product_events (repeatable). "
                        + "Labels the config gives an alert of that dataset and check are added when missing.")
        List<String> labels;

        @Option(names = "--firing", paramLabel = "NAME=VALUE,...",
                description = "An alert firing at the same time, for inhibition (repeatable: one per alert).")
        List<String> firing = List.of();

        @Option(names = "--checks", defaultValue = "checks", paramLabel = "DIR",
                description = "Checks directory (default: ${DEFAULT-VALUE}).")
        Path checks;

        @Option(names = "--at", paramLabel = "ISO-8601", description = "The moment, for mute intervals and silences "
                + "(default: now).")
        String at;

        @Option(names = "--expect", paramLabel = "RECEIVER,...", split = ",",
                description = "Exit 1 unless exactly these receivers are notified, in order ('' for none); for tests of the routing.")
        List<String> expect;

        @Option(names = "--url", paramLabel = "JDBC_URL", description = "ClickHouse holding the silences.")
        String url;

        @Option(names = "--embedded", paramLabel = "DIR",
                description = "Read the silences from the embedded ClickHouse on this data directory.")
        Path embedded;

        @Option(names = "--api", paramLabel = "URL", description = "Read the silences from the daemon at this address.")
        String api;

        @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:TRACKWATCH_API_TOKEN}",
                description = "Bearer token for --api (default: $TRACKWATCH_API_TOKEN).")
        String token;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Instant now = at == null ? Instant.now().truncatedTo(ChronoUnit.SECONDS) : CliArguments.instant("--at", at);
            if (!Files.isDirectory(checks)) {
                throw new UserFacingException("no checks directory at " + checks);
            }
            if ((url != null ? 1 : 0) + (embedded != null ? 1 : 0) + (api != null ? 1 : 0) > 1) {
                throw new UserFacingException("give at most one of --url, --embedded and --api");
            }
            LoadResult loaded = ConfigLoader.load(checks);
            if (!loaded.isValid()) {
                loaded.errors().forEach(e -> System.err.println(e.render()));
                System.err.println(loaded.errors().size() + (loaded.errors().size() == 1 ? " error" : " errors"));
                return 1;
            }
            TrackwatchSpec config = loaded.spec();
            Map<String, String> alert = AlertLabels.complete(config, LabelArguments.labels("--labels", labels));
            List<Map<String, String>> others = new ArrayList<>();
            for (String f : firing) {
                others.add(AlertLabels.complete(config, LabelArguments.labels("--firing", List.of(f))));
            }
            Optional<List<Silence>> silences = silences(now);

            Router router = Router.of(config);
            PrintWriter out = spec.commandLine().getOut();
            out.println("labels: " + LabelArguments.render(alert));
            out.println("at: " + now + " (" + now.atZone(ZoneOffset.UTC).getDayOfWeek()
                    .getDisplayName(TextStyle.FULL, Locale.ENGLISH) + ", UTC)");
            out.println();
            Set<String> notified = new LinkedHashSet<>();
            for (Router.Match match : router.trace(alert)) {
                RouteDecision d = match.decision();
                List<String> muting = router.activeMuteTimeIntervals(d, now);
                out.println(match.route() + " -> " + receiver(d));
                out.println("  group_by: [" + String.join(", ", d.groupBy()) + "]  group_wait: "
                        + Durations.format(d.groupWait()) + "  group_interval: " + Durations.format(d.groupInterval())
                        + "  repeat_interval: " + Durations.format(d.repeatInterval()) + " (" + severity(alert) + ")");
                out.println("  mute_time_intervals: " + (d.muteTimeIntervals().isEmpty() ? "none"
                        : String.join(", ", d.muteTimeIntervals().stream()
                                .map(n -> n + (muting.contains(n) ? " (muted at this time)" : " (not now)")).toList())));
                if (muting.isEmpty()) {
                    notified.add(d.receiver().name());
                }
            }
            out.println();
            Optional<String> inhibited = Inhibitor.of(config).inhibitedBy(alert, others);
            if (!firing.isEmpty()) {
                out.println("inhibited: " + inhibited.map(s -> "yes, " + s).orElse("no"));
            }
            List<Silence> silencing = silences.map(all -> all.stream().filter(s -> s.activeAt(now) && s.matches(alert))
                    .toList()).orElse(List.of());
            if (silences.isPresent()) {
                out.println("silenced: " + (silencing.isEmpty() ? "no" : "yes, by " + String.join("; ", silencing.stream()
                        .map(s -> s.id() + " until " + s.endsAt() + " (" + s.createdBy() + ": " + s.comment() + ")")
                        .toList())));
            }
            List<String> receivers = inhibited.isPresent() || !silencing.isEmpty() ? List.of() : List.copyOf(notified);
            String why = inhibited.isPresent() ? " (inhibited)" : !silencing.isEmpty() ? " (silenced)" : " (muted)";
            out.println("notifies: " + (receivers.isEmpty() ? "nobody" + why : String.join(", ", receivers)));
            out.flush();
            List<String> expected = expect == null ? null : expect.stream().map(String::strip).filter(e -> !e.isEmpty()).toList();
            if (expected != null && !expected.equals(receivers)) {
                spec.commandLine().getErr().println("trackwatch: expected receivers "
                        + (expected.isEmpty() ? "none" : String.join(",", expected))
                        + ", got " + (receivers.isEmpty() ? "none" : String.join(",", receivers)));
                spec.commandLine().getErr().flush();
                return 1;
            }
            return 0;
        }

        /** The severity the repeat interval was chosen for; the router paces others as warnings. */
        private static String severity(Map<String, String> alert) {
            String s = alert.getOrDefault("severity", "");
            return List.of("info", "warning", "critical").contains(s) ? s : "warning, the default";
        }

        private static String receiver(RouteDecision d) {
            if (d.receiver().slackChannel() == null) {
                return d.receiver().name() + " (no channel: the alert has no known team)";
            }
            return d.receiver().name() + " " + d.receiver().slackChannel()
                    + (d.receiver().mention() == null ? "" : " " + d.receiver().mention());
        }

        /** The silences of the state database or daemon given, or empty when none is given. */
        private Optional<List<Silence>> silences(Instant now) {
            if (api != null) {
                SilenceCommand.ApiOptions options = new SilenceCommand.ApiOptions();
                options.api = api;
                options.token = token;
                return Optional.of(SilenceCommand.call(() -> options.client().list(false)).stream()
                        .map(SilenceView::toSilence).toList());
            }
            if (url == null && embedded == null) {
                return Optional.empty();
            }
            Map<String, Object> properties = new HashMap<>();
            properties.put("trackwatch.run.scheduler-enabled", false);
            if (embedded != null) {
                properties.put("trackwatch.clickhouse.embedded.enabled", true);
                properties.put("trackwatch.clickhouse.embedded.data-dir", embedded.toString());
            } else {
                properties.put("trackwatch.clickhouse.url", url);
            }
            try (ApplicationContext context = ApplicationContext.builder().properties(properties).start()) {
                return Optional.of(context.getBean(SilenceStore.class).active(now));
            } catch (org.jooq.exception.DataAccessException e) {
                throw new UserFacingException("cannot read silences from ClickHouse: " + e.getMessage());
            }
        }
    }
}
