package dev.trackwatch.demo;

import dev.trackwatch.route.Matcher;
import dev.trackwatch.route.Silence;
import dev.trackwatch.route.SilenceStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
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
 * events every minute. On the first start it also creates the scenario's silence
 * ({@link DemoScenario#SILENCE_MATCHERS}). Enabled by {@code trackwatch.demo.enabled}.
 */
@Singleton
@Requires(property = "trackwatch.demo.enabled", value = "true")
public class DemoFeed implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(DemoFeed.class);

    private final DemoEventGenerator generator;
    private final SilenceStore silences;
    private final Clock clock;
    private volatile Instant anchor;

    public DemoFeed(DSLContext dsl) {
        this.generator = new DemoEventGenerator(dsl);
        this.silences = new SilenceStore(dsl);
        this.clock = Clock.systemUTC();
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        Instant now = clock.instant();
        anchor = generator.prepare(now);
        long minutes = generator.topUp(anchor, now);
        if (generator.firstStart()) {
            Silence silence = silences.create(DemoScenario.SILENCE_MATCHERS.stream().map(Matcher::parse).toList(), now,
                    now.plus(DemoScenario.SILENCE_DURATION), "demo", DemoScenario.SILENCE_COMMENT, now);
            LOG.info("demo: silenced {} until {} ({})", silence.matchers(), silence.endsAt(), silence.comment());
        }
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
