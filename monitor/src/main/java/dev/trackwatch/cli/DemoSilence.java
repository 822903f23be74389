package dev.trackwatch.cli;

import dev.trackwatch.demo.DemoScenario;
import dev.trackwatch.demo.DemoStarted;
import dev.trackwatch.route.Matcher;
import dev.trackwatch.route.Silence;
import dev.trackwatch.route.SilenceStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's wiring of silences: once per data directory, silences its purchases check
 * ({@link DemoScenario#SILENCE_MATCHERS}) for {@link DemoScenario#SILENCE_DURATION}, so the demo
 * shows an incident that is open but not told.
 */
@Singleton
@Requires(property = "trackwatch.demo.enabled", value = "true")
public class DemoSilence implements ApplicationEventListener<DemoStarted> {

    private static final Logger LOG = LoggerFactory.getLogger(DemoSilence.class);

    private final SilenceStore silences;

    public DemoSilence(SilenceStore silences) {
        this.silences = silences;
    }

    @Override
    public void onApplicationEvent(DemoStarted event) {
        // Once per data directory, decided by the store rather than by "first start": a daemon killed
        // between seeding the table and writing the silence would otherwise never get it.
        boolean exists = silences.list(true, event.at()).stream()
                .anyMatch(s -> s.createdBy().equals("demo") && s.comment().equals(DemoScenario.SILENCE_COMMENT));
        if (exists) {
            return;
        }
        Silence silence = silences.create(DemoScenario.SILENCE_MATCHERS.stream().map(Matcher::parse).toList(),
                event.at(), event.at().plus(DemoScenario.SILENCE_DURATION), "demo", DemoScenario.SILENCE_COMMENT,
                event.at());
        LOG.info("demo: silenced {} until {} ({})", silence.matchers(), silence.endsAt(), silence.comment());
    }
}
