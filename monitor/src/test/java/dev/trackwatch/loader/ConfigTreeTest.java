package dev.trackwatch.loader;

import dev.trackwatch.cli.TrackwatchCli;
import dev.trackwatch.config.ConfigError;
import dev.trackwatch.config.LoadResult;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks tree as files: unreadable files, symbolic links and bytes YAML does not allow are
 * errors naming the file (and line), never exceptions, stack traces or echoed file contents.
 */
class ConfigTreeTest {

    private static final String DATASET = """
            teams:
              - name: growth
                slack_channel: "#growth-alerts"
                datasets: [events]
            datasets:
              - name: events
                table: demo.events
                event_time: event_time
                checks:
                  - type: volume
            """;

    @TempDir
    Path dir;

    @Test
    void aDanglingSymlinkIsReportedNotSkipped() throws IOException {
        Path checks = tree();
        Files.createSymbolicLink(checks.resolve("ghost.yaml"), checks.resolve("gone.yaml"));

        assertThat(errors(checks)).containsExactly(
                "ghost.yaml:1:1: symbolic link whose target does not exist: fix or remove it");
    }

    @Test
    void aSymlinkOutsideTheTreeIsAnErrorNamingItAndItsTargetIsNeverEchoed() throws IOException {
        Path checks = tree();
        Path secret = Files.writeString(dir.resolve("shadow"), "root:$6$s3cr3t-hash:19000:0:99999:7:::\n");
        Files.createSymbolicLink(checks.resolve("shadow.yaml"), secret);

        List<String> errors = errors(checks);

        assertThat(errors).containsExactly("shadow.yaml:1:1: symbolic link to a file outside the checks directory: "
                + "links are followed only within the tree; copy the file in instead");
        assertThat(String.join("\n", errors)).doesNotContain("s3cr3t");
    }

    @Test
    void aSymlinkToAFileInsideTheTreeIsFollowed() throws IOException {
        Path checks = Files.createDirectories(dir.resolve("checks"));
        Path shared = Files.createDirectories(checks.resolve("shared"));
        Files.writeString(shared.resolve("events.yaml.in"), DATASET);
        Files.createSymbolicLink(checks.resolve("events.yaml"), Path.of("shared/events.yaml.in"));

        LoadResult result = ConfigLoader.load(checks);

        assertThat(result.errors()).isEmpty();
        assertThat(result.spec().datasets()).singleElement().extracting(d -> d.name()).isEqualTo("events");
    }

    @Test
    void aFileThatIsNoMappingIsNotEchoed() throws IOException {
        Path checks = tree();
        Files.writeString(checks.resolve("notes.yaml"), "API_TOKEN=xoxb-s3cr3t\n");

        assertThat(errors(checks)).containsExactly("notes.yaml:1:1: expected a mapping of teams:, datasets:, "
                + "calendar: or routing: at the top level, got a scalar");
    }

    @Test
    void anInvalidJsonFileIsNotEchoed() throws IOException {
        Path checks = tree();
        Files.writeString(Files.createDirectories(checks.resolve("tracking-plan")).resolve("signup.json"),
                "xoxb-s3cr3t\n");

        List<String> errors = errors(checks);

        assertThat(errors).singleElement().asString().startsWith("tracking-plan/signup.json:1:");
        assertThat(String.join("\n", errors)).doesNotContain("s3cr3t");
    }

    @Test
    void aNulByteIsReportedAtItsLineAndColumn() throws IOException {
        Path checks = Files.createDirectories(dir.resolve("checks"));
        Files.writeString(checks.resolve("checks.yaml"), DATASET.replace("      - type: volume",
                "      - type: vol\0ume"));

        assertThat(errors(checks)).containsExactly(
                "checks.yaml:10:18: invalid YAML: character U+0000 is not allowed in a YAML file");
    }

    @Test
    void validateNamesAnUnreadableFileWithoutAStackTrace() throws Exception {
        Path checks = tree();
        Path locked = Files.writeString(checks.resolve("locked.yaml"), "datasets: []\n");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));

        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // Root reads any file; without these capabilities it obeys the permission bits like anyone.
            command.addAll(List.of("setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"));
        }
        command.addAll(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), TrackwatchCli.class.getName(),
                "validate", "--offline", checks.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(process.exitValue()).as(output).isEqualTo(1);
        assertThat(output).isEqualTo("locked.yaml:1:1: cannot read file: permission denied\n1 error\n");
    }

    private Path tree() throws IOException {
        Path checks = Files.createDirectories(dir.resolve("checks"));
        Files.writeString(checks.resolve("checks.yaml"), DATASET);
        return checks;
    }

    private static List<String> errors(Path checks) {
        LoadResult result = ConfigLoader.load(checks);
        assertThat(result.isValid()).isFalse();
        return result.errors().stream().map(ConfigError::render).toList();
    }
}
