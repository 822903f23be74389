package dev.trackwatch.state;

import dev.trackwatch.embedded.TestingClickHouse;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run stage and the notification stage both migrate the state schema when the daemon starts,
 * at the same time: every migration is applied and recorded exactly once, and neither caller fails.
 */
class ConcurrentMigrationTest {

    private static final String DB = "chio_concurrent_migration";
    private static final int CALLERS = 4;

    @Test
    void migrationsStartedTogetherApplyOnce() throws Exception {
        List<Connection> connections = new ArrayList<>();
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(CALLERS);
        try {
            for (int i = 0; i < CALLERS; i++) {
                connections.add(TestingClickHouse.connect(TestingClickHouse.embedded().jdbcUrl("default"), new Properties()));
            }
            DSLContext admin = DSL.using(connections.getFirst(), SQLDialect.CLICKHOUSE);
            admin.execute("DROP DATABASE IF EXISTS " + DB);

            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Integer>> callers = connections.stream()
                    .map(c -> CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(e);
                        }
                        return new StateStore(DSL.using(c, SQLDialect.CLICKHOUSE), DB).migrate();
                    }, threads)).toList();
            start.countDown();
            int latest = StateMigrations.ALL.getLast().version();
            for (CompletableFuture<Integer> caller : callers) {
                assertThat(caller.get(120, TimeUnit.SECONDS)).isEqualTo(latest);
            }

            Map<Integer, Long> rows = new java.util.TreeMap<>();
            admin.fetch("SELECT version, count() FROM " + DB + ".schema_migrations GROUP BY version")
                    .forEach(r -> rows.put(r.get(0, Integer.class), r.get(1, Long.class)));
            assertThat(rows).hasSize(latest).allSatisfy((version, count) -> assertThat(count).as("version %d", version).isEqualTo(1));
            admin.execute("DROP DATABASE IF EXISTS " + DB);
        } finally {
            threads.shutdownNow();
            for (Connection c : connections) {
                c.close();
            }
        }
    }
}
