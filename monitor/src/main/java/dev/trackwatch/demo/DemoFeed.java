package dev.trackwatch.demo;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Keeps the demo table live while {@code ./trackwatch demo} runs: seeds the history on start
 * (28 days on the first run, only the missing minutes afterwards) and appends the new minute's
 * events every minute. When ClickHouse fails at start the daemon starts anyway (health DOWN) and
 * the seeding is retried every 10 s. When the table is ready it publishes {@link DemoStarted}, on whose first
 * start the demo's wiring creates the scenario's silence. Enabled by {@code trackwatch.demo.enabled}.
 */
@Singleton
@Requires(property = "trackwatch.demo.enabled", value = "true")
public class DemoFeed implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(DemoFeed.class);

    private final DemoEventGenerator generator;
    private final ApplicationEventPublisher<DemoStarted> started;
    private final Clock clock;
    private static final java.time.Duration RETRY = java.time.Duration.ofSeconds(10);

    private volatile Instant anchor;
    private volatile Instant lastTopUp = Instant.EPOCH;

    public DemoFeed(DSLContext dsl, ApplicationEventPublisher<DemoStarted> started) {
        this.generator = new DemoEventGenerator(dsl);
        this.started = started;
        this.clock = Clock.systemUTC();
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        start();
    }

    /**
     * Seeds the table and announces the demo; when ClickHouse fails, logs it and leaves the next
     * attempt to {@link #tick()}: the daemon must start and report DOWN, like {@code serve}.
     */
    private void start() {
        Instant now = clock.instant();
        try {
            Instant prepared = generator.prepare(now);
            long minutes = generator.topUp(prepared, now);
            started.publishEvent(new DemoStarted(now));
            anchor = prepared;
            lastTopUp = now.truncatedTo(ChronoUnit.MINUTES);
            LOG.info("demo: table {}.{} ready (scenario anchor {}, {} new minutes); injected incidents: {}",
                    DemoEventGenerator.DATABASE, DemoEventGenerator.TABLE, prepared, minutes,
                    DemoScenario.INCIDENTS.stream().map(DemoIncident::name).toList());
        } catch (RuntimeException e) {
            LOG.warn("demo: could not prepare the demo table, retrying in {}: {}", RETRY, e.getMessage());
        }
    }

    /** Returns whether the demo table is seeded and being topped up. */
    public boolean ready() {
        return anchor != null;
    }

    /** Every few seconds: retries the start until it succeeds, then appends each new minute once. */
    @Scheduled(fixedDelay = "10s", initialDelay = "10s")
    void tick() {
        if (anchor == null) {
            start();
            return;
        }
        Instant now = clock.instant();
        if (!now.truncatedTo(ChronoUnit.MINUTES).isAfter(lastTopUp)) {
            return;
        }
        try {
            generator.topUp(anchor, now);
            lastTopUp = now.truncatedTo(ChronoUnit.MINUTES);
        } catch (RuntimeException e) {
            // A failed top-up leaves a gap that the next one fills; the demo keeps serving.
            LOG.warn("demo: top-up failed: {}", e.getMessage());
        }
    }
}
