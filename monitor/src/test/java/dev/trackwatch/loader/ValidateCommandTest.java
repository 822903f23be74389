package dev.trackwatch.loader;


import dev.trackwatch.validate.ConfigTestTable;
import dev.trackwatch.validate.ClickHouseReferenceValidatorTest;
import dev.trackwatch.cli.CliRun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code trackwatch validate} through the real command line, with stdout and stderr captured. */
class ValidateCommandTest {

    @TempDir
    Path dir;

    @Test
    void exampleTreePrintsOneSummaryLine() {
        String hash = ConfigLoader.load(ExampleChecksTest.CHECKS).spec().hash();

        CliRun run = CliRun.run("validate", "../checks", "--offline");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("../checks: 3 teams, 2 datasets, 11 checks, 14 event contracts OK (config "
                + hash.substring(0, 12) + ")\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void configErrorsGoToStderrWithACountAndExit1() throws IOException {
        Path fixture = ConfigFixturesTest.FIXTURES.resolve("errors-across-files");
        List<String> expected = new ArrayList<>(Files.readAllLines(fixture.resolve("expected-errors.txt")));
        expected.add(expected.size() + " errors");

        CliRun run = CliRun.run("validate", fixture.resolve("checks").toString(), "--offline");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList()).containsExactlyElementsOf(expected);
    }

    @Test
    void offlineValidationRefusesAFilterThatClickHouseCannotParse() {
        dev.trackwatch.embedded.TestingClickHouse.embedded();

        CliRun run = CliRun.run("validate", "src/test/resources/syntax-fixtures/filter-syntax-error/checks", "--offline");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList()).hasSize(3).first().asString()
                .startsWith("checks.yaml:9:13: filter is not valid ClickHouse SQL: syntax error at character 5 ('= 1')");
    }

    @Test
    void oneErrorIsCountedInTheSingular() {
        CliRun run = CliRun.run("validate", ConfigFixturesTest.FIXTURES.resolve("unknown-key/checks").toString(), "--offline");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("checks.yaml:10:5: unknown key 'bukcet' in dataset 'events' "
                + "(did you mean 'bucket'?)\n1 error\n");
    }

    @Test
    void checksTablesAndColumnsWhenGivenAClickHouse() throws Exception {
        String url = ConfigTestTable.url();
        Files.writeString(dir.resolve("checks.yaml"), ClickHouseReferenceValidatorTest.VALID);

        CliRun ok = CliRun.run("validate", dir.toString(), "--url", url);
        assertThat(ok.exit()).isZero();
        assertThat(ok.out()).startsWith(dir + ": 1 team, 1 dataset, 3 checks, 0 event contracts OK, tables and "
                + "columns found in ClickHouse (config ");

        Files.writeString(dir.resolve("checks.yaml"), ClickHouseReferenceValidatorTest.VALID.replace("page_path", "pg"));
        CliRun bad = CliRun.run("validate", dir.toString(), "--url", url);
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).isEqualTo("checks.yaml:15:19: column 'pg' does not exist in config_test.events\n1 error\n");
    }

    @Test
    void unreachableClickHouseIsOneLineAndExit2() throws IOException {
        Files.writeString(dir.resolve("checks.yaml"), ClickHouseReferenceValidatorTest.VALID);
        String url = "jdbc:clickhouse://127.0.0.1:1/default?password=secret";

        CliRun run = CliRun.run("validate", dir.toString(), "--url", url);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("trackwatch: cannot check tables and columns in ClickHouse at "
                + "jdbc:clickhouse://127.0.0.1:1/default: ").doesNotContain("secret");
        assertThat(run.err().lines()).hasSize(1);

        CliRun offline = CliRun.run("validate", dir.toString(), "--url", url, "--offline");
        assertThat(offline.exit()).isZero();
    }

    @Test
    void missingDirectoryIsAClearError() {
        CliRun run = CliRun.run("validate", dir.resolve("nope").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("trackwatch: no checks directory at " + dir.resolve("nope") + "\n");
    }
}
