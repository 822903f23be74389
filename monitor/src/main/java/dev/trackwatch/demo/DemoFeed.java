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

/**
 * Keeps the demo table live while {@code ./trackwatch demo} runs: seeds the history on start
 * (28 days on the first run, only the missing minutes afterwards) and appends the new minute's
 * events every minute. When the table is ready it publishes {@link DemoStarted}, on whose first
 * start the demo's wiring creates the scenario's silence. Enabled by {@code trackwatch.demo.enabled}.
 */
@Singleton
@Requires(property = "trackwatch.demo.enabled", value = "true")
public class DemoFeed implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(DemoFeed.class);

    private final DemoEventGenerator generator;
    private final ApplicationEventPublisher<DemoStarted> started;
    private final Clock clock;
    private volatile Instant anchor;

    public DemoFeed(DSLContext dsl, ApplicationEventPublisher<DemoStarted> started) {
        this.generator = new DemoEventGenerator(dsl);
        this.started = started;
        this.clock = Clock.systemUTC();
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        Instant now = clock.instant();
        anchor = generator.prepare(now);
        long minutes = generator.topUp(anchor, now);
        started.publishEvent(new DemoStarted(now));
        LOG.info("demo: table {}.{} ready (scenario anchor {}, {} new minutes); injected incidents: {}",
                DemoEventGenerator.DATABASE, DemoEventGenerator.TABLE, anchor, minutes,
                DemoScenario.INCIDENTS.stream().map(DemoIncident::name).toList());
    }

    @Scheduled(fixedDelay = "60s", initialDelay = "60s")
    void appendLatestMinute() {
        if (anchor == null) {
            return;
        }
        try {
            generator.topUp(anchor, clock.instant());
        } catch (RuntimeException e) {
            // A failed top-up leaves a gap that the next one fills; the demo keeps serving.
            LOG.warn("demo: top-up failed: {}", e.getMessage());
        }
    }
}
