package dev.trackwatch.loader;

import dev.trackwatch.checks.CardinalitySpec;
import dev.trackwatch.checks.DefaultRunbooks;
import dev.trackwatch.checks.FreshnessSpec;
import dev.trackwatch.checks.NullRateSpec;
import dev.trackwatch.checks.SchemaSpec;
import dev.trackwatch.config.Bounds;
import dev.trackwatch.config.ColumnRef;
import dev.trackwatch.config.ConfigError;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.LoadResult;
import dev.trackwatch.config.Severity;
import dev.trackwatch.config.SourceLocation;
import dev.trackwatch.config.TeamSpec;
import dev.trackwatch.config.TrackwatchSpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Defaults, mapping details and the hash, on small trees written per test. */
class ConfigLoaderTest {

    static final String MINIMAL = """
            datasets:
              - name: events
                table: events
                event_time: ts
                owner: growth
                checks:
                  - type: null_rate
                    columns: [properties.user_id, user_id]
                  - type: cardinality
                    columns: [page_path]
                    mode: exact
                  - type: freshness
                  - type: schema
                    tracking_plan: false
            teams:
              - name: growth
                slack_channel: "#growth"
            """;

    @TempDir
    Path dir;

    @Test
    void appliesTheDocumentedDefaults() throws IOException {
        write("checks.yaml", MINIMAL);
        DatasetSpec events = load().dataset("events").orElseThrow();

        assertThat(events.database()).isEqualTo("default");
        assertThat(events.ingestionTimeColumn()).isNull();
        assertThat(events.bucket()).isEqualTo(Duration.ofHours(1));
        assertThat(events.interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(events.lateBuckets()).isEqualTo(3);
        assertThat(events.backfill()).isEqualTo(Duration.ofDays(28));
        assertThat(events.segments()).isEmpty();
        assertThat(events.filter()).isNull();

        NullRateSpec nulls = (NullRateSpec) events.checks().get(0);
        assertThat(nulls.common().name()).isEqualTo("null_rate");
        assertThat(nulls.common().severity()).isEqualTo(Severity.WARNING);
        assertThat(nulls.common().runbook()).isNull();
        assertThat(nulls.columns()).containsExactly(new ColumnRef("properties", List.of("user_id")),
                new ColumnRef("user_id", List.of()));
        assertThat(nulls.segments()).isEmpty();
        assertThat(nulls.bounds()).isEqualTo(Bounds.NONE);

        assertThat(((CardinalitySpec) events.checks().get(1)).exact()).isTrue();

        FreshnessSpec freshness = (FreshnessSpec) events.checks().get(2);
        assertThat(freshness.maxEventAge()).isNull();
        assertThat(freshness.expectRowsEveryBucket()).isTrue();

        SchemaSpec schema = (SchemaSpec) events.checks().get(3);
        assertThat(schema.columns()).isEmpty();
        assertThat(schema.allowExtraColumns()).isTrue();
        assertThat(schema.trackingPlan()).isFalse();
        assertThat(schema.propertiesColumn()).isEqualTo("properties");
        assertThat(schema.eventNameColumn()).isEqualTo("event_name");
        assertThat(schema.schemaVersionColumn()).isNull();
    }

    @Test
    void readsEveryYamlFileInTheTreeButSkipsHiddenOnesAndOtherExtensions() throws IOException {
        write("teams/growth.yml", "teams:\n  - name: growth\n    slack_channel: \"#growth\"\n");
        write("datasets/events.yaml", MINIMAL.substring(0, MINIMAL.indexOf("teams:")));
        write(".hidden/broken.yaml", "this: [is not");
        write("notes.txt", "not read");
        write("datasets/events.yaml~", "not read either");

        TrackwatchSpec spec = load();

        assertThat(spec.teams()).extracting(TeamSpec::location)
                .containsExactly(new SourceLocation("teams/growth.yml", 2, 5));
        assertThat(spec.datasets()).hasSize(1);
    }

    @Test
    void emptyTreeAndEmptyFilesAreValid() throws IOException {
        assertThat(load().datasets()).isEmpty();
        write("empty.yaml", "# nothing yet\n");
        assertThat(load().teams()).isEmpty();
    }

    @Test
    void hashCoversPathsAndContentsAndIgnoresUnreadFiles() throws IOException {
        write("checks.yaml", MINIMAL);
        String first = load().hash();
        write("README.md", "unread");
        assertThat(load().hash()).isEqualTo(first);

        write("checks.yaml", MINIMAL + "# a comment changes the hash\n");
        String second = load().hash();
        assertThat(second).isNotEqualTo(first);

        Files.move(dir.resolve("checks.yaml"), dir.resolve("renamed.yaml"));
        assertThat(load().hash()).isNotEqualTo(second);
    }

    @Test
    void runbooksResolveAgainstTheGivenDirectory(@TempDir Path runbooks) throws IOException {
        write("checks.yaml", MINIMAL.replace("mode: exact", "mode: exact\n        runbook: cardinality/page-path.md"));
        Files.createDirectories(runbooks.resolve("cardinality"));
        Files.writeString(runbooks.resolve("cardinality/page-path.md"), "# Page path cardinality\n");
        for (String kind : DefaultRunbooksFiles.ALL) { // the other checks link to their kind's defaults
            Files.writeString(runbooks.resolve(kind), "# " + kind + "\n");
        }

        LoadResult result = ConfigLoader.load(dir, runbooks);

        assertThat(result.errors()).isEmpty();
        assertThat(result.spec().datasets().getFirst().checks().get(1).common().runbook())
                .isEqualTo("cardinality/page-path.md");
        assertThat(ConfigLoader.load(dir).errors()).extracting(ConfigError::code).containsExactly("missing-runbook");
    }

    @Test
    void runbookPathsMayNotLeaveTheRunbooksDirectory() throws IOException {
        write("checks.yaml", MINIMAL.replace("mode: exact", "mode: exact\n        runbook: ../secrets.md"));

        assertThat(ConfigLoader.load(dir).errors()).extracting(ConfigError::render).containsExactly(
                "checks.yaml:12:18: runbook '../secrets.md' must be a path inside the runbooks directory or an "
                        + "http(s) URL");
    }

    @Test
    void missingDirectoryIsAnArgumentError() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
    }

    @Test
    void loadResultHoldsEitherASpecOrErrors() throws IOException {
        write("checks.yaml", "datasets: {}\n");
        LoadResult result = ConfigLoader.load(dir);
        assertThat(result.isValid()).isFalse();
        assertThat(result.specIfValid()).isEmpty();
        assertThat(result.errors()).extracting(ConfigError::render)
                .containsExactly("checks.yaml:1:11: expected a list, got a mapping");
    }

    private TrackwatchSpec load() {
        LoadResult result = ConfigLoader.load(dir);
        assertThat(result.errors()).isEmpty();
        return result.spec();
    }

    private void write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** Every default runbook file name. */
    private static final class DefaultRunbooksFiles {
        static final java.util.List<String> ALL = java.util.stream.Stream.of("volume", "freshness", "null_rate",
                        "cardinality", "latency", "schema", "custom")
                .flatMap(t -> DefaultRunbooks.forType(t).stream()).distinct()
                .collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), l -> {
                    l.add(DefaultRunbooks.MONITOR_FAULT);
                    return l;
                }));
    }
}
