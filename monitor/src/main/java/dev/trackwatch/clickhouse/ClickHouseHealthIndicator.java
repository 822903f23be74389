package dev.trackwatch.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.jdbc.ConnectionImpl;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reports ClickHouse UP with its version, the probe's round-trip time and age, or DOWN with the
 * reason. A background thread probes ClickHouse every {@code health-interval} on a connection of
 * its own (outside the checks' pool), each probe bounded by {@code health-timeout}; {@code /health} answers from
 * the last result and never waits on ClickHouse itself (at most a second for the very first
 * probe), so a black-holed server cannot stall the endpoint. A result older than three intervals
 * plus the connect and probe timeouts counts as DOWN: the probe itself is stuck.
 */
@Singleton
public class ClickHouseHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseHealthIndicator.class);
    private static final Duration FIRST_PROBE_WAIT = Duration.ofSeconds(1);

    /** One probe's outcome; {@code error} is null when it succeeded. */
    public record Probe(Instant at, long roundTripMillis, String version, String timezone, String error) {
    }

    private final DataSource dataSource;
    private final ClickHouseConfiguration configuration;
    private final ScheduledExecutorService scheduler;
    private final CompletableFuture<Void> firstProbe = new CompletableFuture<>();
    private final Duration maxAge;
    private volatile Probe last;

    /**
     * The daemon's indicator. It probes through connections of its own, not the checks' pool: a
     * pool busy with long scans is no outage, and a health check that waited for it would report
     * DOWN and have the pod restarted under load.
     */
    @jakarta.inject.Inject
    public ClickHouseHealthIndicator(ClickHouseConfiguration configuration,
                                     io.micronaut.context.BeanProvider<EmbeddedClickHouse> embedded) {
        this(ClickHouseFactory.unpooled(configuration, ClickHouseFactory.jdbcUrl(configuration, embedded)),
                configuration);
    }

    /** An indicator probing through {@code dataSource}. */
    public ClickHouseHealthIndicator(DataSource dataSource, ClickHouseConfiguration configuration) {
        this.dataSource = dataSource;
        this.configuration = configuration;
        this.maxAge = configuration.getHealthInterval().multipliedBy(3).plus(configuration.getHealthTimeout())
                .plus(configuration.getConnectTimeout());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("trackwatch-clickhouse-probe").factory());
    }

    @PostConstruct
    void start() {
        scheduler.scheduleWithFixedDelay(this::probe, 0, configuration.getHealthInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Creates this bean (and so starts probing) when the server starts, not on the first request. */
    @EventListener
    void onStartup(ServerStartupEvent event) {
        LOG.debug("clickhouse health probe every {}", configuration.getHealthInterval());
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }

    /** Runs one probe now and keeps its result. Never throws: the schedule must go on. */
    public void probe() {
        long started = System.nanoTime();
        Probe result;
        try (Connection connection = dataSource.getConnection()) {
            Client client = connection.unwrap(ConnectionImpl.class).getClient();
            QuerySettings settings = new QuerySettings()
                    .setMaxExecutionTime((int) Math.max(1, configuration.getHealthTimeout().toSeconds()));
            settings.setNetworkTimeout(configuration.getHealthTimeout().toMillis(), ChronoUnit.MILLIS);
            List<GenericRecord> rows = client.queryAll("SELECT version() AS version, timezone() AS timezone", settings);
            result = new Probe(Instant.now(), (System.nanoTime() - started) / 1_000_000,
                    rows.getFirst().getString("version"), rows.getFirst().getString("timezone"), null);
        } catch (Exception | LinkageError e) {
            result = new Probe(Instant.now(), (System.nanoTime() - started) / 1_000_000, null, null, describe(e));
        }
        last = result;
        firstProbe.complete(null);
    }

    /**
     * Returns whether {@code probe} is too old to speak for ClickHouse at {@code now} (older than
     * three intervals plus the connect and probe timeouts): the probe itself is stuck.
     */
    public boolean isStale(Probe probe, Instant now) {
        return Duration.between(probe.at(), now).toMillis() > maxAge.toMillis();
    }

    /**
     * Returns the last probe's result, or null before the first one finished: the status pages and
     * the watchdog read it, so ClickHouse is probed once, not once per reader.
     */
    public Probe lastProbe() {
        return last;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        return root == e ? message : message + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        if (last == null) {
            firstProbe.completeOnTimeout(null, FIRST_PROBE_WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
        }
        Probe probe = last;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("embedded", configuration.getEmbedded().isEnabled());
        if (probe == null) {
            healthStatus = HealthStatus.DOWN;
            details.put("error", "no probe of ClickHouse has finished yet");
            return details;
        }
        long ageMillis = Duration.between(probe.at(), Instant.now()).toMillis();
        boolean stale = isStale(probe, Instant.now());
        healthStatus = probe.error() == null && !stale ? HealthStatus.UP : HealthStatus.DOWN;
        if (probe.error() == null) {
            details.put("version", probe.version());
            details.put("timezone", probe.timezone());
        } else {
            details.put("error", probe.error());
        }
        if (stale) {
            details.put("stale", "the last probe finished " + ageMillis + " ms ago; the probe is stuck");
        }
        details.put("roundTripMillis", probe.roundTripMillis());
        details.put("ageMillis", ageMillis);
        return details;
    }

    @Override
    protected String getName() {
        return "clickhouse";
    }
}
