package dev.trackwatch.clickhouse;

import com.zaxxer.hikari.HikariDataSource;
import dev.trackwatch.embedded.TestingClickHouse;
import dev.trackwatch.state.StateStore;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The service's pool, built by {@link ClickHouseFactory}, behind a proxy that black-holes
 * ClickHouse traffic: a state query fails with an error instead of hanging, and once traffic
 * passes again the same data source serves again, without a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlackholedClickHouseTest {

    /** Far beyond the configured timeouts: only a call that hangs reaches it. */
    private static final long HANG_SECONDS = 60;
    private static final String DB = "chio_blackhole_state";

    private BlackholeProxy proxy;
    private HikariDataSource dataSource;
    private StateStore store;

    @BeforeAll
    void start() throws Exception {
        proxy = BlackholeProxy.start(TestingClickHouse.embedded().port());
        ClickHouseConfiguration configuration = new ClickHouseConfiguration();
        configuration.setMaxConnections(2);
        configuration.setConnectTimeout(Duration.ofSeconds(3));
        configuration.setSocketTimeout(Duration.ofSeconds(3));
        configuration.setQueryTimeout(Duration.ofSeconds(2));
        dataSource = new HikariDataSource(ClickHouseFactory.hikariConfig(configuration,
                "jdbc:clickhouse://127.0.0.1:" + proxy.port() + "/default"));
        DSLContext dsl = DSL.using(dataSource, SQLDialect.CLICKHOUSE);
        dsl.execute("DROP DATABASE IF EXISTS " + DB);
        store = new StateStore(dsl, DB);
        store.migrate();
    }

    @AfterAll
    void stop() throws Exception {
        proxy.blackhole(false);
        DSL.using(dataSource, SQLDialect.CLICKHOUSE).execute("DROP DATABASE IF EXISTS " + DB);
        dataSource.close();
        proxy.close();
    }

    @Test
    void aStateQueryFailsInsteadOfHangingAndThePoolRecoversWhenTrafficPassesAgain() throws Exception {
        store.advanceWatermark("orders", Instant.parse("2026-01-05T10:00:00Z"), "h", Instant.now());
        assertThat(store.lastClosedBucket("orders")).isPresent();

        proxy.blackhole(true);
        CompletableFuture<Optional<Instant>> stuck = CompletableFuture.supplyAsync(() -> store.lastClosedBucket("orders"));
        // An ExecutionException is the query's error; a TimeoutException would mean it hangs.
        assertThatThrownBy(() -> stuck.get(HANG_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(java.util.concurrent.ExecutionException.class);

        proxy.blackhole(false);
        Optional<Instant> recovered = Optional.empty();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HANG_SECONDS);
        while (recovered.isEmpty() && System.nanoTime() < deadline) {
            try {
                recovered = CompletableFuture.supplyAsync(() -> store.lastClosedBucket("orders"))
                        .get(HANG_SECONDS, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                // A connection that was stuck may fail once more before it is replaced.
            }
        }
        assertThat(recovered).contains(Instant.parse("2026-01-05T10:00:00Z"));
    }

    @Test
    void aHealthProbeFailsWithinItsOwnTimeoutWhileTheSocketTimeoutIsLong() throws Exception {
        ClickHouseConfiguration configuration = new ClickHouseConfiguration();
        configuration.setConnectTimeout(Duration.ofSeconds(2));
        configuration.setSocketTimeout(Duration.ofSeconds(300));
        configuration.setHealthTimeout(Duration.ofSeconds(1));
        try (HikariDataSource pool = new HikariDataSource(ClickHouseFactory.hikariConfig(configuration,
                "jdbc:clickhouse://127.0.0.1:" + proxy.port() + "/default"))) {
            ClickHouseHealthIndicator indicator = new ClickHouseHealthIndicator(pool, configuration);
            indicator.probe();
            assertThat(indicator.lastProbe().error()).isNull();

            proxy.blackhole(true);
            try {
                CompletableFuture.runAsync(indicator::probe).get(HANG_SECONDS, TimeUnit.SECONDS);
                assertThat(indicator.lastProbe().error()).isNotNull();
            } finally {
                proxy.blackhole(false);
                indicator.stop();
            }
        }
    }
}
