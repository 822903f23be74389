package dev.trackwatch.loader;

import dev.trackwatch.config.ConfigError;
import dev.trackwatch.config.LoadResult;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One broken checks tree per failure mode: {@code config-fixtures/CASE/checks/} is the tree (its
 * runbooks, if any, in {@code CASE/runbooks/}, the default place), and
 * {@code CASE/expected-errors.txt} holds the exact lines {@code trackwatch validate} prints.
 */
class ConfigFixturesTest {

    static final Path FIXTURES = Path.of("src/test/resources/config-fixtures");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(FIXTURES)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactlyTheExpectedErrors(String name) throws IOException {
        Path dir = FIXTURES.resolve(name);
        LoadResult result = ConfigLoader.load(dir.resolve("checks"));

        assertThat(result.isValid()).as("fixture %s must not load", name).isFalse();
        assertThat(result.errors()).extracting(ConfigError::render)
                .containsExactlyElementsOf(Files.readAllLines(dir.resolve("expected-errors.txt")));
        assertThat(result.errors()).extracting(ConfigError::code).allMatch(knownCodes()::contains);
    }

    @Test
    void thereIsAFixturePerRequiredFailureMode() throws IOException {
        assertThat(cases().toList()).contains("unknown-key", "bad-duration", "missing-key", "unknown-check-type",
                "duplicate-dataset-name", "duplicate-check-name", "duplicate-yaml-key", "segment-not-in-dataset",
                "owner-unknown-team", "team-unknown-dataset", "missing-runbook", "bad-identifier",
                "bounds-min-greater-than-max", "rate-bound-above-one", "yaml-syntax", "tracking-plan-invalid-json",
                "tracking-plan-unsupported-keyword", "errors-across-files", "training-period-too-long",
                "backfill-too-long", "group-wait-too-long", "durations-out-of-range");
    }

    @Test
    void errorsCarryStableCodes() {
        assertThat(codes("unknown-key")).containsExactly("unknown-key");
        assertThat(codes("bad-duration")).containsExactly("bad-duration", "bad-duration");
        assertThat(codes("missing-key")).containsExactly("missing-key");
        assertThat(codes("unknown-check-type")).containsExactly("unknown-type", "unknown-type");
        assertThat(codes("duplicate-dataset-name")).containsExactly("duplicate-name");
        assertThat(codes("duplicate-yaml-key")).containsExactly("duplicate-key");
        assertThat(codes("segment-not-in-dataset")).containsExactly("unknown-reference", "unknown-reference");
        assertThat(codes("missing-runbook")).containsExactly("missing-runbook");
        assertThat(codes("bounds-min-greater-than-max")).containsExactly("bad-bounds");
        assertThat(codes("yaml-syntax")).containsExactly("yaml-syntax", "unknown-key");
        assertThat(codes("tracking-plan-invalid-json")).containsExactly("bad-schema");
        assertThat(codes("tracking-plan-unsupported-keyword"))
                .containsExactly("bad-schema", "bad-schema", "bad-schema", "bad-schema", "unknown-key", "bad-schema");
        assertThat(codes("team-problems")).contains("conflicting-owner");
    }

    private static List<String> codes(String name) {
        return ConfigLoader.load(FIXTURES.resolve(name).resolve("checks")).errors().stream()
                .map(ConfigError::code).toList();
    }

    /** The codes declared as constants on {@link ConfigError}. */
    private static Set<String> knownCodes() {
        return Arrays.stream(ConfigError.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(ConfigFixturesTest::value)
                .collect(Collectors.toSet());
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
