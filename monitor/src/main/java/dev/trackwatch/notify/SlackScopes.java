package dev.trackwatch.notify;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks at start that the bot token has the scopes delivery needs ({@link #REQUIRED}, see
 * docs/slack.md): each one missing is logged at WARN and exported as
 * {@code trackwatch_slack_scope_missing{scope}} = 1, because a missing scope fails only later,
 * and quietly (no history scope: crash recovery cannot tell what was posted).
 */
final class SlackScopes {

    private static final Logger LOG = LoggerFactory.getLogger(SlackScopes.class);

    /**
     * {@code chat:write} posts, replies and edits; {@code files:write} uploads charts;
     * {@code channels:history} and {@code groups:history} let a restart find what a crashed
     * process posted in public and private channels.
     */
    static final List<String> REQUIRED = List.of("chat:write", "files:write", "channels:history", "groups:history");

    private SlackScopes() {
    }

    /** Returns the required scopes missing from {@code granted}; empty when Slack did not say. */
    static Set<String> missing(Optional<Set<String>> granted) {
        Set<String> missing = new TreeSet<>();
        granted.ifPresent(g -> REQUIRED.stream().filter(s -> !g.contains(s)).forEach(missing::add));
        return missing;
    }

    /** Asks Slack for the token's scopes, then warns of and exports each required one that is missing. */
    static Set<String> check(SlackNotifier notifier, MeterRegistry registry) {
        Optional<Set<String>> granted = notifier.grantedScopes();
        if (granted.isEmpty()) {
            LOG.warn("could not learn the Slack bot token's scopes (auth.test); needed: {}", REQUIRED);
            return Set.of();
        }
        Set<String> missing = missing(granted);
        for (String scope : REQUIRED) {
            int absent = missing.contains(scope) ? 1 : 0;
            if (registry != null) {
                Gauge.builder("trackwatch.slack.scope.missing", () -> absent)
                        .description("1 when the Slack bot token lacks a scope delivery needs (see docs/slack.md)")
                        .tag("scope", scope).register(registry);
            }
        }
        if (!missing.isEmpty()) {
            LOG.warn("the Slack bot token lacks the scopes {} (granted: {}); see docs/slack.md", missing, granted.get());
        }
        return missing;
    }
}
