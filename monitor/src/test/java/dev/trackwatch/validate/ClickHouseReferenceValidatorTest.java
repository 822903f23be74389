package dev.trackwatch.validate;

import dev.trackwatch.config.ConfigError;
import dev.trackwatch.loader.ConfigLoader;
import dev.trackwatch.config.LoadResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reference validation against the real embedded ClickHouse and a table of this test's own. */
public class ClickHouseReferenceValidatorTest {

    static final String TEAMS = """
            teams:
              - name: growth
                slack_channel: "#growth"
                datasets: [events]
            """;

    /** A dataset whose every reference resolves; tests break one thing at a time with replace(). */
    public static final String VALID = TEAMS + """
            datasets:
              - name: events
                table: config_test.events
                event_time: event_time
                ingestion_time: ingested_at
                segments: [event_name, platform]
                checks:
                  - type: null_rate
                    columns: [user_id, properties.user_id, payload.user_id]
                  - type: cardinality
                    columns: [page_path]
                  - type: schema
                    tracking_plan: false
                    schema_version_column: country
            """;

    static String url;

    @TempDir
    Path dir;

    @BeforeAll
    static void createTable() throws SQLException {
        url = ConfigTestTable.url();
    }

    @Test
    void correctConfigHasNoErrors() throws Exception {
        assertThat(validate(VALID)).isEmpty();
    }

    @Test
    void missingTableIsReportedAtTable() throws Exception {
        assertThat(validate(VALID.replace("config_test.events", "config_test.evnts")))
                .containsExactly("checks.yaml:7:12: table config_test.evnts does not exist");
    }

    @Test
    void misspeltColumnGetsASuggestion() throws Exception {
        assertThat(validate(VALID.replace("columns: [user_id,", "columns: [usr_id,")))
                .containsExactly("checks.yaml:13:19: column 'usr_id' does not exist in config_test.events "
                        + "(did you mean 'user_id'?)");
    }

    @Test
    void everyColumnReferenceIsCheckedWhereItIsWritten() throws Exception {
        String broken = VALID
                .replace("event_time: event_time", "event_time: event_name")
                .replace("ingestion_time: ingested_at", "ingestion_time: ingest_at")
                .replace("segments: [event_name, platform]", "segments: [event_name, platfrm]")
                .replace("properties.user_id", "ingested_at.user_id")
                .replace("columns: [page_path]", "columns: [page]")
                .replace("schema_version_column: country", "schema_version_column: schema_version");

        assertThat(validate(broken)).containsExactly(
                "checks.yaml:8:17: event_time column 'event_name' in config_test.events is LowCardinality(String), "
                        + "not DateTime or DateTime64",
                "checks.yaml:9:21: column 'ingest_at' does not exist in config_test.events (did you mean 'ingested_at'?)",
                "checks.yaml:10:28: column 'platfrm' does not exist in config_test.events (did you mean 'platform'?)",
                "checks.yaml:13:28: column 'ingested_at' in config_test.events is DateTime('UTC'): the property "
                        + "path 'ingested_at.user_id' needs a JSON, Object('json') or String column",
                "checks.yaml:15:19: column 'page' does not exist in config_test.events",
                "checks.yaml:18:32: column 'schema_version' does not exist in config_test.events");
    }

    @Test
    void withoutTheLocationsIndexErrorsFallBackToTheDatasetOrCheck() throws Exception {
        LoadResult result = load(VALID.replace("columns: [page_path]", "columns: [page]"));
        try (Connection connection = ConfigTestTable.connect(url)) {
            List<ConfigError> errors = ClickHouseReferenceValidator.validate(result.spec(),
                    ConfigTestTable.dsl(connection));
            assertThat(errors).extracting(ConfigError::render).containsExactly(
                    "checks.yaml:14:9: column 'page' does not exist in config_test.events");
            assertThat(errors).extracting(ConfigError::code).containsExactly("unknown-column");
        }
    }

    /** A filter and a custom expression, each compiled by ClickHouse against the table. */
    static final String WITH_SQL = VALID.replace("segments: [event_name, platform]\n",
            "segments: [event_name, platform]\n    filter: \"platform != 'test'\"\n") + """
                  - name: purchases
                    type: custom
                    expression: "countIf(event_name = 'purchase')"
            """;

    @Test
    void filterAndCustomExpressionThatCompileAreAccepted() throws Exception {
        assertThat(validate(WITH_SQL)).isEmpty();
    }

    @Test
    void customExpressionNamingAnUnknownColumnIsReportedAtTheExpression() throws Exception {
        assertThat(validate(WITH_SQL.replace("countIf(event_name", "countIf(event_nam"))).containsExactly(
                "checks.yaml:22:21: expression does not compile against config_test.events: Unknown expression or "
                        + "function identifier `event_nam`. Maybe you meant: ['event_name']. (UNKNOWN_IDENTIFIER)");
    }

    @Test
    void brokenFilterIsReportedOnceAtTheFilterNotAtEveryExpression() throws Exception {
        assertThat(validate(WITH_SQL.replace("platform != 'test'", "platfrom != 'test'"))).containsExactly(
                "checks.yaml:11:13: filter does not compile against config_test.events: Unknown expression or "
                        + "function identifier `platfrom`. Maybe you meant: ['platform']. (UNKNOWN_IDENTIFIER)");
    }

    @Test
    void aNonAggregateCustomExpressionIsRejectedByClickHouse() throws Exception {
        assertThat(validate(WITH_SQL.replace("countIf(event_name = 'purchase')", "event_name = 'purchase'")))
                .containsExactly("checks.yaml:22:21: expression does not compile against config_test.events: Column "
                        + "'config_test.events.event_name' is not under aggregate function and not in GROUP BY keys. "
                        + "(NOT_AN_AGGREGATE)");
    }

    @Test
    void columnTypesAreUnwrappedBeforeJudging() {
        assertThat(ClickHouseReferenceValidator.isDateTime("Nullable(DateTime64(3, 'UTC'))")).isTrue();
        assertThat(ClickHouseReferenceValidator.isDateTime("DateTime")).isTrue();
        assertThat(ClickHouseReferenceValidator.isDateTime("Date")).isFalse();
        assertThat(ClickHouseReferenceValidator.isJsonRoot("LowCardinality(Nullable(String))")).isTrue();
        assertThat(ClickHouseReferenceValidator.isJsonRoot("JSON(max_dynamic_paths=100)")).isTrue();
        assertThat(ClickHouseReferenceValidator.isJsonRoot("Object('json')")).isTrue();
        assertThat(ClickHouseReferenceValidator.isJsonRoot("Map(String, String)")).isFalse();
    }

    private List<String> validate(String yaml) throws Exception {
        LoadResult result = load(yaml);
        try (Connection connection = ConfigTestTable.connect(url)) {
            return ClickHouseReferenceValidator.validate(result.spec(), result.locations(),
                    ConfigTestTable.dsl(connection)).stream().map(ConfigError::render).toList();
        }
    }

    private LoadResult load(String yaml) throws IOException {
        Files.writeString(dir.resolve("checks.yaml"), yaml);
        LoadResult result = ConfigLoader.load(dir);
        assertThat(result.errors()).isEmpty();
        return result;
    }
}
