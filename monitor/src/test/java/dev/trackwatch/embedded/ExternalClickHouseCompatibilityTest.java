package dev.trackwatch.embedded;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Runs the whole ClickHouse compatibility suite against a real ClickHouse server, named by the
 * JDBC URL in {@code TRACKWATCH_TEST_CLICKHOUSE_URL} (credentials in
 * {@code TRACKWATCH_TEST_CLICKHOUSE_USER} and {@code TRACKWATCH_TEST_CLICKHOUSE_PASSWORD}). It
 * proves that what the suite expects of the embedded endpoint is ClickHouse's own behaviour rather
 * than an artefact of the endpoint, so the two can be compared test by test. The suite only creates
 * and drops tables with unique names, so a shared server is safe. Without the variable every test
 * is reported as skipped with that reason, which is also printed once.
 */
class ExternalClickHouseCompatibilityTest extends ClickHouseCompatibilitySuite {

    static final String SKIPPED = TestingClickHouse.EXTERNAL_URL_ENV
            + " is not set: external ClickHouse suite skipped";

    @BeforeAll
    static void explainSkipping() {
        if (TestingClickHouse.externalUrl() == null) {
            System.out.println(SKIPPED);
        }
    }

    /** Per test rather than per class, so that each test is reported as skipped, with the reason. */
    @BeforeEach
    void requireExternalServer() {
        Assumptions.assumeTrue(TestingClickHouse.externalUrl() != null, SKIPPED);
    }

    @Override
    protected String jdbcUrl() {
        return TestingClickHouse.externalUrl();
    }
}
