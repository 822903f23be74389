package dev.trackwatch.query;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scan the server never answered (its socket read timed out after max_execution_time plus the
 * client's grace) is a timeout, code 159 as docs/configuration.md says, not a network error;
 * a refused connection stays a network error.
 */
class ClientTimeoutCodeTest {

    private static final QueryGuardrails GUARDRAILS = QueryGuardrails.of(Duration.ofSeconds(5));

    @Test
    void aReadTimeoutIsTimeoutExceeded() {
        ScanFailure failure = MetricQueryExecutor.failure("events", new RuntimeException("wrapped",
                new SocketTimeoutException("Read timed out")), GUARDRAILS, Duration.ofSeconds(35));

        assertThat(failure.code()).isEqualTo(ScanFailure.TIMEOUT_EXCEEDED);
        assertThat(failure.message()).contains("events").contains("35 s");
    }

    @Test
    void aRefusedConnectionIsANetworkError() {
        ScanFailure failure = MetricQueryExecutor.failure("events", new RuntimeException("wrapped",
                new ConnectException("Connection refused")), GUARDRAILS, Duration.ofMillis(3));

        assertThat(failure.code()).isEqualTo(ScanFailure.NETWORK_ERROR);
    }
}
