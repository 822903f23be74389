package dev.trackwatch.clickhouse;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The timeout keys refuse values out of their bounds, naming the key. */
class ClickHouseConfigurationTest {

    @Test
    void timeoutsOutOfBoundsAreRefusedByName() {
        ClickHouseConfiguration configuration = new ClickHouseConfiguration();

        assertThatThrownBy(() -> configuration.setSocketTimeout(Duration.ZERO))
                .hasMessageContaining("trackwatch.clickhouse.socket-timeout");
        assertThatThrownBy(() -> configuration.setQueryTimeout(Duration.ofHours(2)))
                .hasMessageContaining("trackwatch.clickhouse.query-timeout");
        assertThatThrownBy(() -> configuration.setHealthInterval(Duration.ofMillis(10)))
                .hasMessageContaining("trackwatch.clickhouse.health-interval");
        assertThatThrownBy(() -> configuration.setHealthTimeout(null))
                .hasMessageContaining("trackwatch.clickhouse.health-timeout");
    }

    @Test
    void theServerLimitMustComeBeforeTheClientGivesUp() {
        ClickHouseConfiguration configuration = new ClickHouseConfiguration();
        configuration.setSocketTimeout(Duration.ofSeconds(10));
        configuration.setQueryTimeout(Duration.ofSeconds(10));

        assertThatThrownBy(configuration::validate).hasMessageContaining("query-timeout")
                .hasMessageContaining("socket-timeout");
    }
}
