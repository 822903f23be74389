package dev.trackwatch.validate;

import dev.trackwatch.config.ConfigError;
import dev.trackwatch.embedded.ChdbQueryException;
import dev.trackwatch.embedded.TestingClickHouse;
import dev.trackwatch.loader.ConfigLoader;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code validate --offline}'s syntax check with the embedded engine's parser: one tree per
 * failure mode under {@code syntax-fixtures/CASE/checks/}, with the exact lines expected in
 * {@code CASE/expected-errors.txt}, as in the loader's config fixtures.
 */
class ExpressionSyntaxTest {

    static final Path FIXTURES = Path.of("src/test/resources/syntax-fixtures");

    @BeforeAll
    static void engine() {
        // The suite's shared engine; the check reuses whatever engine the process has.
        TestingClickHouse.embedded();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"filter-breaks-out", "filter-syntax-error", "expression-syntax-error"})
    void refusesWithTheExpectedLocatedErrors(String name) throws IOException {
        OfflineValidation.Outcome outcome = validate(FIXTURES.resolve(name).resolve("checks"));

        assertThat(outcome.isValid()).isFalse();
        assertThat(outcome.notice()).isNull();
        assertThat(outcome.errors()).extracting(ConfigError::render)
                .containsExactlyElementsOf(Files.readAllLines(FIXTURES.resolve(name).resolve("expected-errors.txt")));
        assertThat(outcome.errors()).extracting(ConfigError::code).containsOnly(ConfigError.BAD_EXPRESSION);
    }

    @Test
    void theLoaderAloneAcceptsWhatOnlyTheParserRefuses() {
        assertThat(ConfigLoader.load(FIXTURES.resolve("filter-syntax-error/checks")).isValid()).isTrue();
        assertThat(ConfigLoader.load(FIXTURES.resolve("expression-syntax-error/checks")).isValid()).isTrue();
    }

    @Test
    void validExpressionsPass() {
        OfflineValidation.Outcome outcome = validate(FIXTURES.resolve("valid/checks"));

        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.notice()).isNull();
    }

    @Test
    void theRepositoryChecksPass() {
        OfflineValidation.Outcome outcome = validate(Path.of("../checks"));

        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.notice()).isNull();
    }

    @Test
    void positionsCountCharactersOfTheExpressionNotBytesOfTheWrappedQuery() {
        // "x = 'é' = = 1": the second "=" is character 11 and, é being two bytes, byte 12 (one-based).
        String prefix = "EXPLAIN AST SELECT 1 WHERE (";
        int position = prefix.length() + 12;
        ChdbQueryException e = new ChdbQueryException(62, "Code: 62. DB::Exception: Syntax error: failed at position "
                + position + " (=): = 1). Expected one of: a, b, c. (SYNTAX_ERROR) (version 26.5.1.1)");

        assertThat(ExpressionSyntax.message("filter", "x = 'é' = = 1", prefix, e))
                .isEqualTo("filter is not valid ClickHouse SQL: syntax error at character 11 ('= 1'): "
                        + "Expected one of: a, b, c (ClickHouse error 62 SYNTAX_ERROR)");
    }

    private static OfflineValidation.Outcome validate(Path checks) {
        return OfflineValidation.validate(checks, ConfigLoader.defaultRunbooksDir(checks),
                SyntaxEngines.Source.RUNNING_ONLY);
    }
}
