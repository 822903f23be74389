package dev.trackwatch.notify;

import dev.trackwatch.incidents.IncidentStore;
import dev.trackwatch.route.SilenceStore;
import dev.trackwatch.state.StateDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.jooq.DSLContext;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The alert stages' stores and sinks as beans, all in the one {@link StateDatabase}: incidents,
 * silences, the notification log, the outbox, and the {@link NotificationSink} notifications go to
 * (Slack when a bot token is set, else the outbox).
 */
@Factory
public class AlertStores {

    @Singleton
    IncidentStore incidentStore(DSLContext dsl, StateDatabase database) {
        return new IncidentStore(dsl, database.name());
    }

    /** The silences; their table is created on first use. */
    @Singleton
    SilenceStore silenceStore(DSLContext dsl, StateDatabase database) {
        return new SilenceStore(dsl, database.name());
    }

    @Singleton
    NotificationLog notificationLog(DSLContext dsl, StateDatabase database) {
        return new NotificationLog(dsl, database.name());
    }

    /** The outbox file; typed as itself only, so that {@link NotificationSink} has one bean. */
    @Singleton
    @Bean(typed = OutboxSink.class)
    OutboxSink outboxSink(@Value("${trackwatch.notify.outbox:outbox.jsonl}") Path outboxFile) {
        return new OutboxSink(outboxFile);
    }

    /** Where notifications go: Slack with a bot token, else the outbox. */
    @Singleton
    NotificationSink notificationSink(OutboxSink outbox, Optional<SlackNotifier> slack, Optional<RetryingSender> sender,
                                      Optional<MeterRegistry> registry) {
        boolean toSlack = slack.isPresent() && sender.isPresent();
        LoggerFactory.getLogger(AlertStores.class).info("notifications go to {}",
                toSlack ? "Slack" : "the outbox " + outbox.file().toAbsolutePath());
        if (toSlack) {
            // Off the startup path: a Slack that does not answer must not hold the daemon's start.
            Thread.ofVirtual().name("trackwatch-slack-scopes").start(() -> SlackScopes.check(slack.get(), registry.orElse(null)));
        }
        NotificationSink sink = toSlack ? new SlackSink(slack.get(), sender.get()) : outbox;
        return registry.<NotificationSink>map(r -> new CountedSink(sink, r)).orElse(sink);
    }
}
